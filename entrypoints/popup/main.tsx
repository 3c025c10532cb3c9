import '../../lib/defaults-bundled';
import { render } from 'preact';
import { PopupPage } from '../../lib/pages/popup';

render(<PopupPage />, document.getElementById('app')!);
