#!/usr/bin/env node
// npm run -s token -- --role … : prints a development bearer token and nothing else (no compile step).
import { parseArgs } from 'node:util';
import { devSecret, ROLES, signDevToken } from './dev-token.mjs';

const USAGE = `Prints a development bearer token signed with AUTH_JWT_SECRET (or the built-in development secret).

  npm run -s token -- --role ADMIN
  npm run -s token -- --role RECEPTION_OFFICER --agency 000.00.15.H22 --sub officer-1
  npm run -s token -- --role CITIZEN --idn 002085816844 --sub citizen-an

(-s keeps npm's own banner out of the output; node scripts/token.mjs … is the same.)
Staff tokens are honoured only for what the hub's staff directory grants the subject (README
"Accounts and audit"): npm start seeds the demo staff (dev-admin, officer-1, dev-<role> …), and in
development an unknown staff subject is registered with its claims on first use.
Options: --role (repeatable; ${ROLES.join(', ')}), --agency (repeatable), --idn, --sub, --expires (e.g. 12h)`;

let values;
try {
  ({ values } = parseArgs({
    options: {
      role: { type: 'string', multiple: true },
      agency: { type: 'string', multiple: true },
      idn: { type: 'string' },
      sub: { type: 'string' },
      expires: { type: 'string', default: '12h' },
      help: { type: 'boolean', short: 'h' },
    },
  }));
} catch (e) {
  process.stderr.write(`${e.message}\n\n${USAGE}\n`);
  process.exit(2);
}
if (values.help || !values.role?.length) {
  (values.help ? process.stdout : process.stderr).write(`${USAGE}\n`);
  process.exit(values.help ? 0 : 2);
}
const bad = values.role.filter((r) => !ROLES.includes(r));
if (bad.length) {
  process.stderr.write(`unknown role(s): ${bad.join(', ')} (roles: ${ROLES.join(', ')})\n`);
  process.exit(2);
}
if (values.role.includes('CITIZEN') && values.idn && !/^\d{12}$/.test(values.idn)) {
  process.stderr.write(`--idn must be a 12-digit identity number, not ${values.idn}\n`);
  process.exit(2);
}
const secret = devSecret();
if (!secret) {
  process.stderr.write('AUTH_JWT_SECRET is not set and AUTH_JWKS_URL is: development tokens cannot be signed here\n');
  process.exit(2);
}
try {
  const token = await signDevToken(secret, {
    sub: values.sub ?? `dev-${values.role[0].toLowerCase()}`,
    roles: values.role,
    agencies: values.agency ?? [],
    idn: values.idn,
    expiresIn: values.expires,
  });
  process.stdout.write(`${token}\n`);
} catch (e) {
  process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
}
