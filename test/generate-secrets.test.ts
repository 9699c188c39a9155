// `pnpm generate-secrets`: fresh secrets that the vault and compose accept, filled into .env without overwriting.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { parseKeyRing } from '@socialvault/common';
import { fillEnvText, generateSecrets, SECRETS } from '../scripts/generate-secrets';
import { ENV_EXAMPLE_FILE, loadCompose, ROOT } from './stack/compose';

const run = promisify(execFile);

describe('generateSecrets', () => {
  it('makes a fresh value for every secret, a key ring the vault parses, and no URL or list separators', () => {
    const first = generateSecrets();
    const second = generateSecrets();
    expect(Object.keys(first)).toEqual(SECRETS.map((secret) => secret.name));
    expect(parseKeyRing(first.VAULT_ENCRYPTION_KEYS!).activeKeyId).toBe('k1');
    expect(parseKeyRing(first.BROKER_ENCRYPTION_KEYS!).activeKeyId).toBe('b1');
    expect(first.BROKER_ENCRYPTION_KEYS).not.toBe(first.VAULT_ENCRYPTION_KEYS);
    for (const name of ['BROKER_ADMIN_TOKEN', 'BROKER_DB_PASSWORD'])
      expect(Object.keys(first)).toContain(name);
    for (const [name, value] of Object.entries(first)) {
      expect(value).not.toBe(second[name]);
      expect(value.length).toBeGreaterThanOrEqual(16);
      if (!name.endsWith('_ENCRYPTION_KEYS')) expect(value).toMatch(/^[A-Za-z0-9_-]+$/);
    }
    expect(generateSecrets(true).MCP_AUTH_TOKEN).toMatch(/^[A-Za-z0-9_-]{40,}$/);
  });
});

describe('fillEnvText', () => {
  it('fills empty assignments, keeps values already set, and appends the secrets with no line', () => {
    const text = 'A=1\nBROKER_API_KEY=\nPOSTGRES_PASSWORD=keep-me\n# N8N_ENCRYPTION_KEY=\n';
    const { text: filled, filled: names } = fillEnvText(text, {
      BROKER_API_KEY: 'new-broker',
      POSTGRES_PASSWORD: 'new-password',
      N8N_ENCRYPTION_KEY: 'new-n8n',
    });
    expect(filled).toBe(
      'A=1\nBROKER_API_KEY=new-broker\nPOSTGRES_PASSWORD=keep-me\n# N8N_ENCRYPTION_KEY=\n\n' +
        '# Added by pnpm generate-secrets\nN8N_ENCRYPTION_KEY=new-n8n\n',
    );
    expect(names).toEqual(['BROKER_API_KEY', 'N8N_ENCRYPTION_KEY']);
  });
});

describe('pnpm generate-secrets --write (the script as a process)', () => {
  it('turns a copy of .env.example into an .env compose starts with, 0600, and changes nothing the second time', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sv-secrets-'));
    const envFile = path.join(dir, '.env');
    try {
      fs.copyFileSync(ENV_EXAMPLE_FILE, envFile);
      const script = ['--import', 'tsx', 'scripts/generate-secrets.ts', '--write', envFile];
      const first = await run(process.execPath, script, { cwd: ROOT });
      const filledNames = /filled (.+)$/m.exec(first.stdout)![1]!.split(', ');
      expect(filledNames.sort()).toEqual(SECRETS.map((secret) => secret.name).sort());
      const written = fs.readFileSync(envFile, 'utf8');
      expect(fs.statSync(envFile).mode & 0o777).toBe(0o600);
      const env = Object.fromEntries(
        written
          .split('\n')
          .map((line) => /^([A-Z][A-Z0-9_]*)=(.*)$/.exec(line))
          .filter((match): match is RegExpExecArray => match !== null)
          .map((match) => [match[1]!, match[2]!]),
      );
      expect(() => loadCompose(env)).not.toThrow();
      expect(first.stdout).not.toContain(env.BROKER_API_KEY);

      const second = await run(process.execPath, script, { cwd: ROOT });
      expect(second.stdout).toContain('filled nothing');
      expect(fs.readFileSync(envFile, 'utf8')).toBe(written);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
