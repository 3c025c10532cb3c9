import { startFieldPage } from '../../lib/private-field/page';

startFieldPage(window);
