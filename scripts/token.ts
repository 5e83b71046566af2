import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config';
import { signDevToken } from '../src/auth/tokens';
import { isRole, ROLES, type Role } from '../src/auth/roles';

const USAGE = `Prints a development bearer token signed with AUTH_JWT_SECRET (or the built-in development secret).

  npm run token -- --role ADMIN
  npm run token -- --role RECEPTION_OFFICER --agency 000.00.15.H22 --sub officer-1
  npm run token -- --role CITIZEN --idn 022090001234 --sub citizen-1

Options: --role (repeatable; ${ROLES.join(', ')}), --agency (repeatable), --idn, --sub, --expires (e.g. 12h)`;

async function main() {
  const { values } = parseArgs({
    options: {
      role: { type: 'string', multiple: true },
      agency: { type: 'string', multiple: true },
      idn: { type: 'string' },
      sub: { type: 'string' },
      expires: { type: 'string', default: '12h' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help || !values.role?.length) {
    process.stdout.write(`${USAGE}\n`);
    process.exit(values.help ? 0 : 2);
  }
  const bad = values.role.filter((r) => !isRole(r));
  if (bad.length) {
    process.stderr.write(`unknown role(s): ${bad.join(', ')}\n`);
    process.exit(2);
  }
  const config = loadConfig();
  if (!config.jwtSecret) {
    process.stderr.write('AUTH_JWT_SECRET is not set and AUTH_JWKS_URL is: development tokens cannot be signed here\n');
    process.exit(2);
  }
  const roles = values.role as Role[];
  const token = await signDevToken(config.jwtSecret, {
    sub: values.sub ?? `dev-${roles[0].toLowerCase()}`,
    roles,
    agencies: values.agency ?? [],
    idn: values.idn,
    expiresIn: values.expires,
  });
  process.stdout.write(`${token}\n`);
}
main().catch((e) => {
  process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
