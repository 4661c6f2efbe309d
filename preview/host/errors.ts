/**
 * The two ways a program can fail to preview that are not policy results: the project is not
 * runnable as it stands (`ConfigError`), or the program itself failed or never finished
 * (`ProgramError`). Both are usage-class failures a command maps to exit code 2.
 */

/** The project cannot be run as given: the message names the file or key and the fix. */
export class ConfigError extends Error {
    constructor(message: string) {
        super(message);
        this.name = "ConfigError";
    }
}

/** The program failed, or never settled; `output` is what it logged, its stack included. */
export class ProgramError extends Error {
    constructor(
        message: string,
        /** What the program reported as errors (through the engine's Log service and its stderr). */
        readonly output: string = "",
    ) {
        super(output ? `${message}\n${output}` : message);
        this.name = "ProgramError";
    }
}
