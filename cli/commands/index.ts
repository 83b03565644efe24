// Registry of sub-commands. Adding a command adds a line here.
import type { Command } from '../command.ts';
import { auditCommand } from './audit.ts';

export const commands: Command[] = [auditCommand];
