import { Chalk } from "chalk";
import { colorLevel, stripControl } from "./terminal.js";

/** Everything human-facing goes to stderr, so stdout can carry --json data alone. */
export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  progress(message: string): void;
  color: InstanceType<typeof Chalk>;
}

/** Messages carry repository data, so control characters are stripped before they reach the terminal. */
export function createLogger(options: { quiet?: boolean; stream?: NodeJS.WriteStream } = {}): Logger {
  const stream = options.stream ?? process.stderr;
  const color = new Chalk({ level: colorLevel(stream) });
  const interactive = stream.isTTY === true && !options.quiet;
  const write = (m: string) => void stream.write(`${m}\n`);
  return {
    color,
    info: (m) => void (!options.quiet && write(stripControl(m))),
    warn: (m) => write(`${color.yellow("warning")} ${stripControl(m)}`),
    progress: (m) => void (interactive && write(color.dim(stripControl(m)))),
  };
}
