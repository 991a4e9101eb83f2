/**
 * What is checked about `--xapi URL|unix:PATH`, `--password-file` and the password before anything is sent: the URL
 * is usable, the password file can be read, a TCP endpoint has a password (xapi refuses an empty one anyway, after
 * the user waited), and the password does not go in clear text to a host beyond loopback unless asked
 * (`--allow-plain-http`). Failures are wrong usage (USAGE_ERROR_CODES): the CLI exits 2 with the sentence.
 */
import { readFileSync } from 'node:fs';
import { backendError, failed, succeeded, type BackendResult } from './backend-error.js';
import { describeEndpoint, parseEndpoint, type XapiEndpoint } from './xapi/endpoint.js';

export { USAGE_ERROR_CODES } from './usage-errors.js';

export interface XapiCredentialsChoice {
  readonly endpoint: string;
  readonly passwordFile: string | null;
  readonly allowPlainHttp?: boolean;
}

function fileProblem(err: unknown): string {
  switch ((err as NodeJS.ErrnoException).code) {
    case 'ENOENT':
      return 'there is no such file';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'it is a directory, not a file';
    default:
      return (err as NodeJS.ErrnoException).code ?? (err as Error).message;
  }
}

/** The password: the file's first line ending stripped, else $HOSTCONSOLE_PASSWORD, else ''. */
export function readPasswordOption(file: string | null, env: NodeJS.ProcessEnv): BackendResult<string> {
  if (file === null) return succeeded(env['HOSTCONSOLE_PASSWORD'] ?? '');
  try {
    return succeeded(readFileSync(file, 'utf8').replace(/\r?\n$/, ''));
  } catch (err) {
    return failed(backendError('password-file', `--password-file ${file}: ${fileProblem(err)}.`));
  }
}

/** 127.0.0.0/8, ::1 and localhost: where a plain-http password never leaves the machine. */
export function isLoopbackHost(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/** The endpoint and password of an xapi choice, or the usage error that stops it before anything is sent. */
export function checkXapiChoice(choice: XapiCredentialsChoice, env: NodeJS.ProcessEnv): BackendResult<{ readonly endpoint: XapiEndpoint; readonly password: string }> {
  const parsed = parseEndpoint(choice.endpoint, '--xapi');
  if (!parsed.ok) return failed(backendError('invalid-endpoint', `${parsed.error.field}: ${parsed.error.message}`));
  const endpoint = parsed.value;
  const password = readPasswordOption(choice.passwordFile, env);
  if (!password.ok) return password;
  if (endpoint.kind === 'tcp') {
    const where = describeEndpoint(endpoint);
    if (password.value === '') {
      return failed(
        backendError(
          'no-password',
          choice.passwordFile !== null
            ? `--password-file ${choice.passwordFile} is empty; xapi at ${where} needs the password. Nothing was sent.`
            : `xapi at ${where} needs a password: give --password-file FILE (or set HOSTCONSOLE_PASSWORD). Nothing was sent.`,
        ),
      );
    }
    if (endpoint.scheme === 'http' && !isLoopbackHost(endpoint.host) && choice.allowPlainHttp !== true) {
      return failed(
        backendError(
          'plain-http',
          `Refusing to send the password in clear text to ${where}: use https:// (xapi serves it on port 443), or add --allow-plain-http if the network to that host is trusted. Nothing was sent.`,
        ),
      );
    }
  }
  return succeeded({ endpoint, password: password.value });
}
