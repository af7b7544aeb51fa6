import { Chalk } from "chalk";

/** Everything human-facing goes to stderr, so stdout can carry --json data alone. */
export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  progress(message: string): void;
  color: InstanceType<typeof Chalk>;
}

export function createLogger(options: { quiet?: boolean; stream?: NodeJS.WriteStream } = {}): Logger {
  const stream = options.stream ?? process.stderr;
  const colorOn = !process.env.NO_COLOR && stream.isTTY === true;
  const color = new Chalk({ level: colorOn ? 1 : 0 });
  const interactive = stream.isTTY === true && !options.quiet;
  return {
    color,
    info: (m) => void (!options.quiet && stream.write(`${m}\n`)),
    warn: (m) => void stream.write(`${color.yellow("warning")} ${m}\n`),
    progress: (m) => void (interactive && stream.write(`${color.dim(m)}\n`)),
  };
}
