import { DomainError } from '../../domain/errors';

/** Connecting a Slack workspace or a Teams tenant failed: the platform refused what the admin entered, or could not be asked. */
export class TenantConnectionError extends DomainError {
  readonly code = 'tenant_connection_failed';
}
