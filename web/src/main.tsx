import { render } from 'preact';
import './styles.css';
import { boot } from './store';
import { App } from './ui/App';

boot();
render(<App />, document.getElementById('app')!);
