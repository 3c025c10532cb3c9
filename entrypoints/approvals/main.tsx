import { render } from 'preact';
import { ApprovalsPage } from '../../lib/pages/approvals';

render(<ApprovalsPage />, document.getElementById('app')!);
