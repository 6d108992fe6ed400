/**
 * How the operator runs one of the commands, for usage lines and "next, run …" hints: the npm
 * script in a checkout, or the compiled command in a production install or the Docker image,
 * where npm scripts and tsx are absent.
 */
export function commandLine(command: string): string {
  return process.env[COMPILED_CLI_VARIABLE] === '1'
    ? `node dist/cli.js ${command}`
    : `npm run ${command} --`
}

/** Set by dist/cli.js for the command it starts. */
export const COMPILED_CLI_VARIABLE = 'STOPSIM_COMPILED_CLI'
