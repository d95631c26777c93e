import { mount } from 'svelte';
import App from './App.svelte';
import './app.css';
import { setupI18n } from './i18n';

const params = new URLSearchParams(location.search);
const lang = params.get('lang');
setupI18n(lang === 'en' || lang === 'ru' ? lang : 'uk');

export default mount(App, { target: document.getElementById('app')! });
