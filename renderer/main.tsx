import { createRoot } from 'react-dom/client';
import { connectToEngine } from './api/connection';
import { App } from './app/App';
import { useLanguage } from './i18n/index';
import { useCapture } from './state/capture-store';
import { startColoringSync } from './state/coloring-store';
import { startCustomColumnsSync } from './state/custom-columns-sync';
import { setEngine } from './state/engine';
import { useFields } from './state/fields-store';
import './styles.css';

const client = connectToEngine(() => useCapture.getState().setDisconnected());
setEngine(client);
client.onEvent((event) => useCapture.getState().handleEvent(event));
startCustomColumnsSync();
startColoringSync();

// A capture may already be open (a file given on the serve command line, or a page reload).
void useFields.getState().load();
void client.summary().then((summary) => {
  if (summary) useCapture.getState().handleEvent({ type: 'summary', payload: summary });
});

const syncDocumentLanguage = () => {
  document.documentElement.lang = useLanguage.getState().language === 'zh' ? 'zh-CN' : 'en';
};
syncDocumentLanguage();
useLanguage.subscribe(syncDocumentLanguage);

createRoot(document.getElementById('root')!).render(<App />);
