import { readFileSync } from 'node:fs';
import { DiscoveryError, type ForgeKind } from './types.js';

const ENV_NAME: Record<ForgeKind, string> = { github: 'GITHUB_TOKEN', gitlab: 'GITLAB_TOKEN' };

/**
 * The forge token: from --token-file, else GITHUB_TOKEN / GITLAB_TOKEN; undefined means
 * anonymous (public repositories only, low rate limits). The value is never part of a message.
 */
export function forgeToken(forge: ForgeKind, tokenFile: string | undefined, env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (tokenFile !== undefined) {
    let text: string;
    try {
      text = readFileSync(tokenFile, 'utf8');
    } catch (error) {
      throw new DiscoveryError('DISCOVERY_TOKEN', `cannot read the token file ${tokenFile}: ${(error as NodeJS.ErrnoException).code ?? 'unreadable'}`);
    }
    const token = text.trim();
    if (token === '' || /\s/.test(token)) throw new DiscoveryError('DISCOVERY_TOKEN', `the token file ${tokenFile} must hold one token on one line`);
    return token;
  }
  const fromEnv = env[ENV_NAME[forge]]?.trim();
  return fromEnv === undefined || fromEnv === '' ? undefined : fromEnv;
}

/** The name of the variable a forge's token is read from, for messages. */
export function tokenVariable(forge: ForgeKind): string {
  return ENV_NAME[forge];
}

/** `text` with every occurrence of the token masked: the last net under error messages from clients. */
export function withoutToken(text: string, token: string | undefined): string {
  return token === undefined || token.length < 4 ? text : text.split(token).join('***');
}
