// Registry of sub-commands. Adding a command adds a line here.
import type { Command } from '../command.ts';
import { auditCommand } from './audit.ts';
import { bulletinCommand } from './bulletin.ts';
import { dashboardCommand } from './dashboard.ts';
import { initCommand } from './init.ts';
import { importCommand, importReportsCommand, importRequestsCommand } from './import.ts';
import { notifyCommand } from './notify.ts';
import { serveCommand } from './serve.ts';
import { statusCommand } from './status.ts';
import { tokenCommand } from './token.ts';
import { userCommand } from './user.ts';
import { recheckCommand } from './recheck.ts';
import { reviewCommand } from './review.ts';
import { workerCommand } from './worker.ts';

export const commands: Command[] = [initCommand, auditCommand, serveCommand, statusCommand, importCommand, importReportsCommand, importRequestsCommand, bulletinCommand, tokenCommand, userCommand, recheckCommand, reviewCommand, dashboardCommand, workerCommand, notifyCommand];
