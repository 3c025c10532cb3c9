import '../../lib/defaults-bundled';
import { render } from 'preact';
import { QueuePage } from '../../lib/pages/queue';

render(<QueuePage />, document.getElementById('app')!);
