import { mount } from 'svelte';
import Portal from './Portal.svelte';
import './portal.css';
import { browserLanguage, setupI18n } from './i18n';

setupI18n(browserLanguage(navigator.languages));

export default mount(Portal, { target: document.getElementById('portal')! });
