import '../../lib/defaults-bundled';
import { render } from 'preact';
import { OptionsPage } from '../../lib/pages/options';

render(<OptionsPage />, document.getElementById('app')!);
