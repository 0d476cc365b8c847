import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import { App, createQueryClient } from './App';
import './styles.css';

// BASE_URL is '/portal/' (vite.config.ts base); the router works below it.
const basename = import.meta.env.BASE_URL.replace(/\/$/, '');

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <BrowserRouter basename={basename}>
      <App queryClient={createQueryClient()} />
    </BrowserRouter>
  </StrictMode>,
);
