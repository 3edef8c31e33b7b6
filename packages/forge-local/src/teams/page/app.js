/* global document, window, fetch, setInterval, URLSearchParams */
// The Teams sandbox chat page: pick a person, install Koji, read their 1:1 chat, write and click card buttons.
// Plain browser script (no build step); everything goes through /sandbox/teams/api/.
'use strict';

(function () {
  const API = '/sandbox/teams/api/';
  const POLL_MS = 1000;
  const ADAPTIVE_CARD = 'application/vnd.microsoft.card.adaptive';

  const el = {
    person: document.getElementById('person'),
    install: document.getElementById('install'),
    installState: document.getElementById('install-state'),
    messages: document.getElementById('messages'),
    empty: document.getElementById('empty'),
    sendForm: document.getElementById('send-form'),
    personForm: document.getElementById('person-form'),
    text: document.getElementById('text'),
    send: document.getElementById('send'),
    status: document.getElementById('status'),
    title: document.getElementById('conversation-title'),
    tenant: document.getElementById('tenant-name'),
  };

  const state = { people: [], botName: 'Koji', person: '', installed: false, rendered: new Map(), polling: false };

  async function api(path, body) {
    const response = await fetch(API + path, body === undefined ? {} : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const data = await response.json().catch(function () {
      return {};
    });
    if (!response.ok) throw new Error(data.message || 'HTTP ' + response.status);
    return data;
  }

  function say(text, isError) {
    el.status.textContent = text;
    el.status.className = isError ? 'status error' : 'status';
  }

  function reportTriggers(what, triggers) {
    const failed = triggers.find(function (t) {
      return t.status < 200 || t.status >= 300;
    });
    if (!failed) say(what + '.', false);
    else say(what + ', but the app answered HTTP ' + failed.status + (failed.body ? ': ' + failed.body.slice(0, 200) : '.'), true);
  }

  // --- Teams markdown (a subset), rendered as DOM nodes (never as HTML) ---

  const INLINE = /\*\*([^*\n]+)\*\*|\[([^\]\n]+)\]\(([^)\s]+)\)|\*([^*\n]+)\*|_([^_\n]+)_|`([^`\n]+)`|<at>([^<]+)<\/at>/.source;

  function appendInline(parent, text) {
    const inline = new RegExp(INLINE, 'g');
    let last = 0;
    let match;
    while ((match = inline.exec(text)) !== null) {
      if (match.index > last) parent.appendChild(document.createTextNode(text.slice(last, match.index)));
      if (match[1] !== undefined) wrap(parent, 'strong', match[1]);
      else if (match[2] !== undefined) parent.appendChild(link(match[3], match[2]));
      else if (match[4] !== undefined) wrap(parent, 'em', match[4]);
      else if (match[5] !== undefined) wrap(parent, 'em', match[5]);
      else if (match[6] !== undefined) wrap(parent, 'code', match[6]);
      else wrap(parent, 'strong', '@' + match[7]);
      last = inline.lastIndex;
    }
    if (last < text.length) parent.appendChild(document.createTextNode(text.slice(last)));
  }

  function wrap(parent, tag, text) {
    const node = document.createElement(tag);
    appendInline(node, text);
    parent.appendChild(node);
  }

  function link(target, label) {
    if (!/^(https?:|mailto:)/i.test(target)) return document.createTextNode(label);
    const a = document.createElement('a');
    a.href = target;
    a.rel = 'noopener noreferrer';
    a.target = '_blank';
    a.textContent = label;
    return a;
  }

  /** Paragraphs, `>` lines as quotes, `- ` lines as lists; `<br>` counts as a line break. */
  function markdown(text) {
    const container = document.createElement('div');
    container.className = 'text';
    let group = null;
    let kind = '';
    text
      .replace(/<br\s*\/?>/gi, '\n')
      .split('\n')
      .forEach(function (line) {
        const quote = /^> ?/.exec(line);
        const item = /^\s*[-*] /.exec(line);
        const lineKind = quote ? 'quote' : item ? 'list' : 'p';
        if (group === null || lineKind !== kind || (lineKind === 'p' && line === '')) {
          group = document.createElement(lineKind === 'quote' ? 'blockquote' : lineKind === 'list' ? 'ul' : 'p');
          container.appendChild(group);
          kind = lineKind;
        } else if (lineKind !== 'list') {
          group.appendChild(document.createElement('br'));
        }
        if (lineKind === 'list') {
          const li = document.createElement('li');
          appendInline(li, line.slice(item[0].length));
          group.appendChild(li);
        } else {
          appendInline(group, quote ? line.slice(quote[0].length) : line);
        }
      });
    return container;
  }

  function plain(text) {
    const div = document.createElement('div');
    div.className = 'text';
    const p = document.createElement('p');
    p.textContent = text;
    div.appendChild(p);
    return div;
  }

  var ENTITIES = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

  function decodeEntities(text) {
    return text.replace(/&(#x[0-9a-f]{1,6}|#\d{1,7}|[a-z]{2,6});/gi, function (whole, name) {
      if (name.charAt(0) === '#') {
        const code = name.charAt(1).toLowerCase() === 'x' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
        return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
      }
      return ENTITIES[name.toLowerCase()] || whole;
    });
  }

  /** Teams' `xml` text: b, i, code, br and web links as DOM nodes, any other tag dropped, entities decoded. */
  function html(text) {
    const container = document.createElement('div');
    container.className = 'text';
    const p = document.createElement('p');
    container.appendChild(p);
    const tags = /<(b|strong|i|em|code)>([^<]*)<\/\1>|<a href="([^"]*)">([^<]*)<\/a>|<br\s*\/?>|<[^>]*>/gi;
    let last = 0;
    let match;
    while ((match = tags.exec(text)) !== null) {
      if (match.index > last) p.appendChild(document.createTextNode(decodeEntities(text.slice(last, match.index))));
      if (match[1] !== undefined) {
        const tag = { b: 'strong', strong: 'strong', i: 'em', em: 'em', code: 'code' }[match[1].toLowerCase()];
        const node = document.createElement(tag);
        node.textContent = decodeEntities(match[2]);
        p.appendChild(node);
      } else if (match[3] !== undefined) {
        p.appendChild(link(decodeEntities(match[3]), decodeEntities(match[4])));
      } else if (/^<br/i.test(match[0])) {
        p.appendChild(document.createElement('br'));
      }
      last = tags.lastIndex;
    }
    if (last < text.length) p.appendChild(document.createTextNode(decodeEntities(text.slice(last))));
    return container;
  }

  /** A TextRun: its text literally (TextRuns are never Markdown), styled, and a link when it opens a web URL. */
  function textRun(inline) {
    if (typeof inline === 'string') return document.createTextNode(inline);
    const text = typeof inline.text === 'string' ? inline.text : '';
    const action = inline.selectAction;
    let node;
    if (action && action.type === 'Action.OpenUrl' && typeof action.url === 'string') node = link(action.url, text);
    else if (inline.fontType === 'Monospace' || inline.fontType === 'monospace') node = document.createElement('code');
    else if (inline.weight === 'Bolder' || inline.weight === 'bolder') node = document.createElement('strong');
    else if (inline.italic) node = document.createElement('em');
    else node = document.createElement('span');
    if (node.nodeType === 1 && node.textContent === '') node.textContent = text;
    if (inline.isSubtle && node.nodeType === 1) node.className = 'subtle';
    return node;
  }

  function messageText(message) {
    if (message.textFormat === 'plain') return plain(message.text);
    if (message.textFormat === 'xml') return html(message.text);
    return markdown(message.text);
  }

  // --- Adaptive Cards (the elements Koji uses, and a few more) ---

  function renderCard(message, card) {
    const div = document.createElement('div');
    div.className = 'card';
    (card.body || []).forEach(function (element) {
      const node = renderElement(message, element);
      if (node) div.appendChild(node);
    });
    if (Array.isArray(card.actions) && card.actions.length > 0) div.appendChild(renderActions(message, card.actions));
    return div;
  }

  function renderElement(message, element) {
    if (!element || typeof element !== 'object') return null;
    if (element.type === 'TextBlock' && typeof element.text === 'string') {
      const block = markdown(element.text);
      const classes = ['text'];
      if (element.weight === 'bolder' || element.weight === 'Bolder') classes.push('bolder');
      if (element.size === 'large' || element.size === 'Large' || element.size === 'extraLarge' || element.size === 'ExtraLarge') classes.push('large');
      if (element.isSubtle) classes.push('subtle');
      block.className = classes.join(' ');
      return block;
    }
    if (element.type === 'RichTextBlock' && Array.isArray(element.inlines)) {
      const p = document.createElement('p');
      p.className = 'text';
      element.inlines.forEach(function (inline) {
        p.appendChild(textRun(inline));
      });
      return p;
    }
    if (element.type === 'FactSet' && Array.isArray(element.facts)) {
      const dl = document.createElement('dl');
      element.facts.forEach(function (fact) {
        const dt = document.createElement('dt');
        dt.textContent = fact.title;
        const dd = document.createElement('dd');
        appendInline(dd, String(fact.value));
        dl.appendChild(dt);
        dl.appendChild(dd);
      });
      return dl;
    }
    if (element.type === 'Container' && Array.isArray(element.items)) return renderItems(message, element.items);
    if (element.type === 'ColumnSet' && Array.isArray(element.columns)) {
      const row = document.createElement('div');
      row.className = 'columns';
      element.columns.forEach(function (column) {
        row.appendChild(renderItems(message, column.items || []));
      });
      return row;
    }
    if (element.type === 'ActionSet' && Array.isArray(element.actions)) return renderActions(message, element.actions);
    if (element.type === 'Image') return plain('[image' + (element.altText ? ': ' + element.altText : '') + ']');
    return null;
  }

  function renderItems(message, items) {
    const div = document.createElement('div');
    items.forEach(function (item) {
      const node = renderElement(message, item);
      if (node) div.appendChild(node);
    });
    return div;
  }

  function renderActions(message, list) {
    const group = document.createElement('div');
    group.className = 'actions';
    group.setAttribute('role', 'group');
    group.setAttribute('aria-label', 'Actions of the card from ' + message.name);
    list.forEach(function (action) {
      if (action.type === 'Action.OpenUrl' && typeof action.url === 'string') {
        group.appendChild(link(action.url, action.title || action.url));
        return;
      }
      const button = document.createElement('button');
      button.type = 'button';
      button.textContent = action.title || action.type;
      if (action.style === 'positive' || action.style === 'destructive') button.className = action.style;
      if (action.type === 'Action.Submit' && typeof action.sandboxSubmitIndex === 'number') {
        button.addEventListener('click', function () {
          void submit(message.id, action.sandboxSubmitIndex, button);
        });
      } else {
        button.disabled = true;
        button.title = action.type + ' is not played by the sandbox';
      }
      group.appendChild(button);
    });
    return group;
  }

  function renderMessage(message) {
    const li = document.createElement('li');
    li.className = 'message ' + message.from;
    const head = document.createElement('div');
    head.className = 'message-head';
    const sender = document.createElement('span');
    sender.className = 'sender';
    sender.textContent = message.name;
    head.appendChild(sender);
    if (message.from === 'bot') {
      const badge = document.createElement('span');
      badge.className = 'badge';
      badge.textContent = 'App';
      head.appendChild(badge);
    }
    const time = document.createElement('time');
    time.dateTime = message.timestamp;
    time.textContent = new Date(message.timestamp).toLocaleTimeString();
    head.appendChild(time);
    if (message.updatedAt) {
      const edited = document.createElement('span');
      edited.className = 'edited';
      edited.textContent = '(edited)';
      head.appendChild(edited);
    }
    li.appendChild(head);
    const bubble = document.createElement('div');
    bubble.className = 'bubble';
    if (message.kind === 'submit') {
      const note = plain('Clicked a card button, sending ' + JSON.stringify(message.value));
      note.className = 'text subtle';
      bubble.appendChild(note);
    }
    if (typeof message.text === 'string' && message.text !== '') bubble.appendChild(messageText(message));
    (message.attachments || []).forEach(function (attachment) {
      if (attachment.contentType === ADAPTIVE_CARD && attachment.content) bubble.appendChild(renderCard(message, attachment.content));
      else if (message.from === 'bot') bubble.appendChild(plain('[attachment ' + attachment.contentType + ']'));
    });
    li.appendChild(bubble);
    return li;
  }

  /** Adds new messages and redraws changed ones, leaving the rest (and the focus in them) alone. */
  function render(messages) {
    const nearBottom = el.messages.scrollHeight - el.messages.scrollTop - el.messages.clientHeight < 40;
    let added = false;
    const seen = new Set();
    messages.forEach(function (message) {
      seen.add(message.id);
      const signature = JSON.stringify(message);
      const existing = state.rendered.get(message.id);
      if (existing && existing.signature === signature) return;
      const li = renderMessage(message);
      if (existing) el.messages.replaceChild(li, existing.li);
      else {
        el.messages.appendChild(li);
        added = true;
      }
      state.rendered.set(message.id, { signature: signature, li: li });
    });
    state.rendered.forEach(function (entry, id) {
      if (!seen.has(id)) {
        entry.li.remove();
        state.rendered.delete(id);
      }
    });
    el.empty.hidden = messages.length > 0;
    if (added && nearBottom) el.messages.scrollTop = el.messages.scrollHeight;
  }

  function showInstalled(installed) {
    state.installed = installed;
    el.install.textContent = installed ? 'Remove app' : 'Install app';
    el.install.className = installed ? 'remove' : '';
    el.installState.textContent = installed ? state.botName + ' is installed for this person.' : 'Install ' + state.botName + ' to chat with it.';
    el.text.disabled = !installed;
    el.send.disabled = !installed;
    el.empty.textContent = installed ? 'No messages yet. Say hello to ' + state.botName + '.' : 'No messages yet.';
  }

  function clearConversation() {
    state.rendered.clear();
    el.messages.replaceChildren();
  }

  // --- Talking to the sandbox ---

  async function poll() {
    if (state.polling || !state.person) return;
    state.polling = true;
    const person = state.person;
    try {
      const data = await api('conversation?person=' + encodeURIComponent(person));
      if (person === state.person) {
        showInstalled(data.installed);
        render(data.messages);
      }
    } catch (error) {
      say('Could not load the conversation: ' + error.message, true);
    } finally {
      state.polling = false;
    }
  }

  async function toggleInstall() {
    if (el.install.getAttribute('aria-disabled') === 'true') return;
    el.install.setAttribute('aria-disabled', 'true');
    const what = state.installed ? 'uninstall' : 'install';
    say(what === 'install' ? 'Installing…' : 'Removing…', false);
    try {
      const data = await api(what, { person: state.person });
      reportTriggers(what === 'install' ? 'Installed ' + state.botName : 'Removed ' + state.botName, data.triggers);
    } catch (error) {
      say('Not delivered: ' + error.message, true);
    } finally {
      el.install.removeAttribute('aria-disabled');
    }
    await poll();
  }

  async function send(event) {
    event.preventDefault();
    const text = el.text.value;
    if (text.trim() === '' || !state.installed) return;
    say('Sending…', false);
    try {
      const data = await api('send', { person: state.person, text: text });
      el.text.value = '';
      reportTriggers('Sent', data.triggers);
    } catch (error) {
      say('Not delivered: ' + error.message, true);
    }
    el.text.focus();
    await poll();
  }

  async function submit(activityId, index, button) {
    // aria-disabled rather than disabled: a disabled button drops the keyboard focus.
    if (button.getAttribute('aria-disabled') === 'true') return;
    button.setAttribute('aria-disabled', 'true');
    say('Clicking “' + button.textContent + '”…', false);
    try {
      const data = await api('submit', { person: state.person, activityId: activityId, action: index });
      reportTriggers('Clicked “' + button.textContent + '”', data.triggers);
    } catch (error) {
      say('The click was not delivered: ' + error.message, true);
    } finally {
      button.removeAttribute('aria-disabled');
    }
    await poll();
  }

  function choose(key) {
    state.person = key;
    const person = state.people.find(function (p) {
      return p.key === key;
    });
    showInstalled(person ? person.installed : false);
    el.title.textContent = 'Chat between ' + (person ? person.name : key) + ' and ' + state.botName;
    const url = new URL(window.location.href);
    url.searchParams.set('as', key);
    window.history.replaceState(null, '', url.toString());
    clearConversation();
    say('', false);
    void poll();
  }

  async function start() {
    const data = await api('people');
    state.people = data.people;
    state.botName = data.bot.name;
    el.tenant.textContent = data.tenant.name;
    [
      ['operator', 'Operators'],
      ['user', 'Users'],
    ].forEach(function (pair) {
      const group = document.createElement('optgroup');
      group.label = pair[1];
      data.people.forEach(function (p) {
        if (p.role !== pair[0]) return;
        const option = document.createElement('option');
        option.value = p.key;
        option.textContent = p.name + ' (' + p.email + ')';
        group.appendChild(option);
      });
      el.person.appendChild(group);
    });
    const wanted = new URLSearchParams(window.location.search).get('as');
    const first =
      data.people.find(function (p) {
        return p.key === wanted;
      }) ||
      data.people.find(function (p) {
        return p.role === 'user';
      });
    el.person.value = first.key;
    choose(first.key);
    setInterval(function () {
      void poll();
    }, POLL_MS);
  }

  el.person.addEventListener('change', function () {
    choose(el.person.value);
  });
  el.install.addEventListener('click', function () {
    void toggleInstall();
  });
  el.personForm.addEventListener('submit', function (event) {
    event.preventDefault();
  });
  el.sendForm.addEventListener('submit', function (event) {
    void send(event);
  });
  el.text.addEventListener('keydown', function (event) {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      el.sendForm.requestSubmit();
    }
  });

  start().catch(function (error) {
    say('The sandbox did not load: ' + error.message, true);
  });
})();
