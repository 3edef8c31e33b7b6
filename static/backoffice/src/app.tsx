import { AdminPage } from './admin-page';
import { Backoffice } from './backoffice';
import { Page, handoffFor } from './page';

export interface PageContext {
  /** The project the page is open in, when Jira says. */
  readonly projectKey?: string | undefined;
  /**
   * Jira's admin page (`jira:adminPage`, the app's configuration page from Manage apps): Jira
   * gives it no project, so the page asks which service project to show first.
   */
  readonly onAdminPage: boolean;
}

export function App({ context }: { readonly context: PageContext }) {
  return context.onAdminPage ? (
    <AdminPage />
  ) : (
    <Page description={handoffFor(context.projectKey)}>
      <Backoffice />
    </Page>
  );
}
