import { mount } from 'svelte';
import App from './App.svelte';
import './app.css';
import { setupI18n } from './i18n';

// The page's modules are loaded and run (their imports first), for the
// desktop benchmark.
performance.mark('helpdesk:modules');

const params = new URLSearchParams(location.search);
const lang = params.get('lang');
setupI18n(lang === 'en' || lang === 'ru' ? lang : 'uk');

export default mount(App, { target: document.getElementById('app')! });
