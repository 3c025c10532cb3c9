// Unit tests run pages' and content scripts' code alike: install the bundled defaults (catalogues, demo org) as the background and pages do.
import '../../lib/defaults-bundled';
