/** The program version, kept in one place for `--version`, SARIF and the user agent. */
export const VERSION = '0.1.0';
