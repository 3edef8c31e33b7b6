import { KojiError } from '../../domain/koji-error';

/** Connecting a Slack workspace or a Teams tenant failed: the platform refused what the admin entered, or could not be asked. */
export class TenantConnectionError extends KojiError {
  readonly code = 'tenant_connection_failed';
}
