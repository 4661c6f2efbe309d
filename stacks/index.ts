// The stack program Pulumi runs (`main: stacks/` in Pulumi.yaml). Exporting a function lets the
// engine and the offline preview run the same code; its return value is the stack's outputs.
import { platform } from "./platform";

export = platform;
