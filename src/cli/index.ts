import { Command } from "commander";
import { VERSION } from "../version.js";
import { analyseCommand } from "./commands/analyse.js";
import { checkCommand } from "./commands/check.js";
import { drillCommand } from "./commands/drill.js";
import { generateCommand } from "./commands/generate.js";
import { initCommand } from "./commands/init.js";
import { profilesCommand } from "./commands/profiles.js";
import { schemaCommand } from "./commands/schema.js";
import { handleError } from "./handle-error.js";
import { setColorOption } from "./terminal.js";

export function createProgram(): Command {
  const program = new Command("govops")
    .description("Turn a UK government service repository into a tailored production operations pack.")
    .version(VERSION, "-v, --version", "print the version")
    .option("--no-color", "no colour in the output (also: NO_COLOR=1; FORCE_COLOR=1 forces it)")
    .showSuggestionAfterError()
    .addHelpText(
      "after",
      `
Examples:
  $ govops init examples/level-3-enquiry-service        say who owns it, who to call, SLOs, peaks and freezes
  $ govops analyse examples/level-3-enquiry-service     find routes, datastores, integrations; write ops/profile.yaml
  $ govops generate examples/level-3-enquiry-service    render pipelines, alerts and runbooks
  $ govops check examples/level-3-enquiry-service       validate the pack and detect drift`,
    );
  for (const command of [analyseCommand, generateCommand, checkCommand, drillCommand])
    program.addCommand(command);
  for (const command of [initCommand, profilesCommand, schemaCommand]) program.addCommand(command);
  program.hook("preAction", (root) => setColorOption(root.opts<{ color?: boolean }>().color));
  program.exitOverride();
  for (const command of program.commands) command.exitOverride();
  return program;
}

export async function run(argv: string[]): Promise<void> {
  try {
    await createProgram().parseAsync(argv);
  } catch (error) {
    handleError(error);
  }
}
