import * as z from 'zod/mini';

/**
 * The contract's schemas use zod/mini: they are parsed in content scripts, where the classic API would
 * cost ~25 KB gzipped per site. Mini ships no messages; the English ones keep every boundary's errors
 * readable ("departments.2.contact.email: Invalid email address").
 */
z.config(z.locales.en());

export { z };
