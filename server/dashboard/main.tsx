import '../../lib/defaults-bundled';
import 'uplot/dist/uPlot.min.css';
import './dashboard.css';
import { render } from 'preact';
import { App } from './App';

render(<App />, document.getElementById('app')!);
