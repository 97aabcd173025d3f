import type { Capability } from '../api/app';
import type { AuthOptions } from '../api/auth';
import type { ServiceContext } from './context';

/** The product's capabilities, in the order their routes are mounted and their work is started. */
export function capabilities(ctx: ServiceContext, auth: AuthOptions): Capability[] {
  void ctx;
  void auth;
  return [];
}
