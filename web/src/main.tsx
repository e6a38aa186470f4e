import { createRoot } from 'react-dom/client';

createRoot(document.getElementById('root')!).render(<div>落实</div>);
