import { useCallback, useEffect, useState } from 'react';
import type { ErasureView, PersonDataPageView, PersonFoundView } from '../../../src/shared/resolver-contract';
import { call } from './api';
import { downloadText } from './download-text';
import { useFlags } from './flags';
import { exportFileName, joinExport } from './person-export';

/** How often the page asks how an erasure goes while it runs. */
const POLL_MS = 1_500;
/** An export that would take more pages than this is stopped (thousands of conversations): the admin is told. */
const MAX_PAGES = 500;

const refOf = (p: PersonFoundView) => ({ channel: p.channel, tenantId: p.tenantId, userId: p.userId });

/** Export: every page of `privacy/export`, then the joined file saved by the browser. `pages` counts as they come. */
export function useExport(person: PersonFoundView) {
  const flags = useFlags();
  const [pages, setPages] = useState<number | undefined>();
  const start = useCallback(async () => {
    const got: PersonDataPageView[] = [];
    let cursor: string | undefined;
    setPages(0);
    do {
      const answer = await call('privacy/export', { ...refOf(person), ...(cursor ? { cursor } : {}) });
      if (!answer.ok) {
        flags.failed({ title: `The data of ${person.label} could not be exported`, description: answer.error.message });
        setPages(undefined);
        return;
      }
      got.push(answer.data);
      setPages(got.length);
      cursor = answer.data.cursor;
    } while (cursor && got.length < MAX_PAGES);
    const at = new Date();
    downloadText(exportFileName(person, at), `${JSON.stringify(joinExport(person, got, at), null, 2)}\n`, 'application/json');
    flags.succeeded({ title: `Exported the data of ${person.label}`, description: cursor ? `Stopped after ${MAX_PAGES} pages: the file holds the first part.` : undefined });
    setPages(undefined);
  }, [person, flags]);
  return { exporting: pages !== undefined, pages, start };
}

/** Erasure: its status, read when the person is picked and every POLL_MS while it runs; `erase` starts it. */
export function useErasure(person: PersonFoundView) {
  const flags = useFlags();
  const [erasure, setErasure] = useState<ErasureView | undefined>();
  const [starting, setStarting] = useState(false);
  const running = erasure?.status === 'running';
  useEffect(() => {
    let current = true;
    const read = async () => {
      const answer = await call('privacy/erasure', refOf(person));
      if (current && answer.ok) setErasure(answer.data);
    };
    void read();
    const timer = running ? setInterval(() => void read(), POLL_MS) : undefined;
    return () => {
      current = false;
      if (timer) clearInterval(timer);
    };
  }, [person, running]);
  const erase = useCallback(async () => {
    setStarting(true);
    const answer = await call('privacy/erase', refOf(person));
    setStarting(false);
    if (!answer.ok) flags.failed({ title: `The data of ${person.label} could not be erased`, description: answer.error.message });
    else setErasure(answer.data);
    return answer.ok;
  }, [person, flags]);
  return { erasure, starting, erase };
}
