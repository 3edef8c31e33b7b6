/* global document, window, fetch, setInterval, URLSearchParams */
// The Slack sandbox chat page: pick a person, read their DM with Koji, write and click.
// Plain browser script (no build step); everything goes through /sandbox/slack/api/.
'use strict';

(function () {
  const API = '/sandbox/slack/api/';
  const POLL_MS = 1000;

  const el = {
    person: document.getElementById('person'),
    messages: document.getElementById('messages'),
    empty: document.getElementById('empty'),
    sendForm: document.getElementById('send-form'),
    personForm: document.getElementById('person-form'),
    text: document.getElementById('text'),
    status: document.getElementById('status'),
    title: document.getElementById('conversation-title'),
    team: document.getElementById('team-name'),
  };

  const state = { people: [], namesById: {}, botName: 'Koji', user: '', rendered: new Map(), polling: false };

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

  function reportTrigger(what, trigger) {
    if (trigger.status >= 200 && trigger.status < 300) say(what + '.', false);
    else say(what + ', but the app answered HTTP ' + trigger.status + (trigger.body ? ': ' + trigger.body.slice(0, 200) : '.'), true);
  }

  // --- Slack mrkdwn, rendered as DOM nodes (never as HTML) ---

  function decode(text) {
    return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
  }

  const INLINE = /<([^<>|]+)(?:\|([^<>]+))?>|\*([^*\n]+)\*|_([^_\n]+)_|~([^~\n]+)~|`([^`\n]+)`/.source;

  function appendInline(parent, text) {
    // A regex of its own per call: bold inside a quote recurses, and a shared one would lose its place.
    const inline = new RegExp(INLINE, 'g');
    let last = 0;
    let match;
    while ((match = inline.exec(text)) !== null) {
      if (match.index > last) parent.appendChild(document.createTextNode(decode(text.slice(last, match.index))));
      if (match[1] !== undefined) parent.appendChild(link(match[1], match[2]));
      else if (match[3] !== undefined) wrap(parent, 'strong', match[3]);
      else if (match[4] !== undefined) wrap(parent, 'em', match[4]);
      else if (match[5] !== undefined) wrap(parent, 's', match[5]);
      else wrap(parent, 'code', match[6]);
      last = inline.lastIndex;
    }
    if (last < text.length) parent.appendChild(document.createTextNode(decode(text.slice(last))));
  }

  function wrap(parent, tag, text) {
    const node = document.createElement(tag);
    appendInline(node, text);
    parent.appendChild(node);
  }

  function link(target, label) {
    if (target.charAt(0) === '@') return document.createTextNode('@' + (label || state.namesById[target.slice(1)] || target.slice(1)));
    if (target.charAt(0) === '#') return document.createTextNode('#' + (label || target.slice(1)));
    if (target.charAt(0) === '!') return document.createTextNode('@' + (label || target.slice(1)));
    const url = decode(target);
    if (!/^(https?:|mailto:)/i.test(url)) return document.createTextNode(decode(label || target));
    const a = document.createElement('a');
    a.href = url;
    a.rel = 'noopener noreferrer';
    a.target = '_blank';
    a.textContent = decode(label || target);
    return a;
  }

  /** Paragraphs, with runs of `>` lines as block quotes (the operator's excerpt of the user's messages). */
  function mrkdwn(text) {
    const container = document.createElement('div');
    container.className = 'text';
    let group = null;
    let quoted = false;
    text.split('\n').forEach(function (line) {
      const quote = /^(>|&gt;) ?/.exec(line);
      const isQuote = quote !== null;
      if (group === null || isQuote !== quoted) {
        group = document.createElement(isQuote ? 'blockquote' : 'p');
        container.appendChild(group);
        quoted = isQuote;
      } else {
        group.appendChild(document.createElement('br'));
      }
      appendInline(group, isQuote ? line.slice(quote[0].length) : line);
    });
    return container;
  }

  function plainOrMrkdwn(textObject) {
    if (!textObject || typeof textObject.text !== 'string') return document.createElement('div');
    if (textObject.type === 'mrkdwn') return mrkdwn(textObject.text);
    const div = document.createElement('div');
    div.className = 'text';
    const p = document.createElement('p');
    p.textContent = textObject.text;
    div.appendChild(p);
    return div;
  }

  // --- Block Kit ---

  function renderBlocks(message) {
    const body = document.createElement('div');
    message.blocks.forEach(function (block) {
      if (block.type === 'section') {
        body.appendChild(plainOrMrkdwn(block.text));
        (block.fields || []).forEach(function (field) {
          body.appendChild(plainOrMrkdwn(field));
        });
      } else if (block.type === 'header') {
        const h = document.createElement('h3');
        h.textContent = block.text && block.text.text;
        body.appendChild(h);
      } else if (block.type === 'context') {
        (block.elements || []).forEach(function (element) {
          if (typeof element.text === 'string') body.appendChild(plainOrMrkdwn(element)).className = 'text hint';
        });
      } else if (block.type === 'rich_text') {
        body.appendChild(richText(block));
      } else if (block.type === 'divider') {
        body.appendChild(document.createElement('hr'));
      } else if (block.type === 'actions') {
        body.appendChild(actions(message, block));
      }
    });
    return body;
  }

  /** A rich_text block: its text elements literally (Slack never reads them as mrkdwn), styled; web links as links. */
  function richText(block) {
    const container = document.createElement('div');
    container.className = 'text';
    (block.elements || []).forEach(function (element) {
      const group = document.createElement(element.type === 'rich_text_quote' ? 'blockquote' : 'p');
      (element.elements || []).forEach(function (inline) {
        group.appendChild(richInline(inline));
      });
      container.appendChild(group);
    });
    return container;
  }

  function richInline(inline) {
    const text = typeof inline.text === 'string' ? inline.text : '';
    if (inline.type === 'link' && typeof inline.url === 'string') {
      if (!/^https?:/i.test(inline.url)) return document.createTextNode(text || inline.url);
      const a = document.createElement('a');
      a.href = inline.url;
      a.rel = 'noopener noreferrer';
      a.target = '_blank';
      a.textContent = text || inline.url;
      return a;
    }
    if (inline.type === 'user') return document.createTextNode('@' + (state.namesById[inline.user_id] || inline.user_id));
    if (inline.type !== 'text') return document.createTextNode(text);
    const style = inline.style || {};
    let node = document.createTextNode(text);
    [['code', 'code'], ['bold', 'strong'], ['italic', 'em'], ['strike', 's']].forEach(function (pair) {
      if (!style[pair[0]]) return;
      const wrapper = document.createElement(pair[1]);
      wrapper.appendChild(node);
      node = wrapper;
    });
    // Line breaks inside a text element are shown as breaks.
    if (node.nodeType === 3 && text.indexOf('\n') >= 0) {
      const span = document.createElement('span');
      text.split('\n').forEach(function (part, i) {
        if (i > 0) span.appendChild(document.createElement('br'));
        span.appendChild(document.createTextNode(part));
      });
      return span;
    }
    return node;
  }

  function actions(message, block) {
    const group = document.createElement('div');
    group.className = 'actions';
    group.setAttribute('role', 'group');
    group.setAttribute('aria-label', 'Actions for the message from ' + message.name);
    (block.elements || []).forEach(function (element) {
      if (element.type !== 'button') return;
      const button = document.createElement('button');
      button.type = 'button';
      button.textContent = (element.text && element.text.text) || element.action_id;
      if (element.style === 'primary' || element.style === 'danger') button.className = element.style;
      button.dataset.actionId = element.action_id;
      button.addEventListener('click', function () {
        void click(message.ts, element.action_id, button);
      });
      group.appendChild(button);
    });
    return group;
  }

  function hasVisibleBlocks(message) {
    return (
      Array.isArray(message.blocks) &&
      message.blocks.some(function (b) {
        // A person's message repeats its text as rich_text; the app's messages show their words only as rich_text.
        return b.type !== 'rich_text' || message.isBot;
      })
    );
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
    if (message.isBot) {
      const badge = document.createElement('span');
      badge.className = 'badge';
      badge.textContent = 'App';
      head.appendChild(badge);
    }
    const seconds = Number(message.ts);
    const time = document.createElement('time');
    time.dateTime = new Date(seconds * 1000).toISOString();
    time.textContent = new Date(seconds * 1000).toLocaleTimeString();
    head.appendChild(time);
    if (message.editedTs) {
      const edited = document.createElement('span');
      edited.className = 'edited';
      edited.textContent = '(edited)';
      head.appendChild(edited);
    }
    li.appendChild(head);
    li.appendChild(hasVisibleBlocks(message) ? renderBlocks(message) : mrkdwn(message.text));
    return li;
  }

  /** Adds new messages and redraws changed ones, leaving the rest (and the focus in them) alone. */
  function render(messages) {
    const nearBottom = el.messages.scrollHeight - el.messages.scrollTop - el.messages.clientHeight < 40;
    let added = false;
    const seen = new Set();
    messages.forEach(function (message) {
      seen.add(message.ts);
      const signature = JSON.stringify(message);
      const existing = state.rendered.get(message.ts);
      if (existing && existing.signature === signature) return;
      const li = renderMessage(message);
      if (existing) el.messages.replaceChild(li, existing.li);
      else {
        el.messages.appendChild(li);
        added = true;
      }
      state.rendered.set(message.ts, { signature: signature, li: li });
    });
    state.rendered.forEach(function (entry, ts) {
      if (!seen.has(ts)) {
        entry.li.remove();
        state.rendered.delete(ts);
      }
    });
    el.empty.hidden = messages.length > 0;
    if (added && nearBottom) el.messages.scrollTop = el.messages.scrollHeight;
  }

  function clearConversation() {
    state.rendered.clear();
    el.messages.replaceChildren();
  }

  // --- Talking to the sandbox ---

  async function poll() {
    if (state.polling || !state.user) return;
    state.polling = true;
    const user = state.user;
    try {
      const data = await api('conversation?user=' + encodeURIComponent(user));
      if (user === state.user) render(data.messages);
    } catch (error) {
      say('Could not load the conversation: ' + error.message, true);
    } finally {
      state.polling = false;
    }
  }

  async function send(event) {
    event.preventDefault();
    const text = el.text.value;
    if (text.trim() === '') return;
    say('Sending…', false);
    try {
      const data = await api('send', { user: state.user, text: text });
      el.text.value = '';
      reportTrigger('Sent', data.trigger);
    } catch (error) {
      say('Not delivered: ' + error.message, true);
    }
    el.text.focus();
    await poll();
  }

  async function click(ts, actionId, button) {
    // aria-disabled rather than disabled: a disabled button drops the keyboard focus.
    if (button.getAttribute('aria-disabled') === 'true') return;
    button.setAttribute('aria-disabled', 'true');
    say('Clicking “' + button.textContent + '”…', false);
    try {
      const data = await api('click', { user: state.user, ts: ts, actionId: actionId });
      reportTrigger('Clicked “' + button.textContent + '”', data.trigger);
    } catch (error) {
      say('The click was not delivered: ' + error.message, true);
    } finally {
      button.removeAttribute('aria-disabled');
    }
    await poll();
  }

  function choose(userId) {
    state.user = userId;
    const person = state.people.find(function (p) {
      return p.id === userId;
    });
    el.title.textContent = 'Direct message between ' + (person ? person.name : userId) + ' and ' + state.botName;
    const url = new URL(window.location.href);
    url.searchParams.set('as', userId);
    window.history.replaceState(null, '', url.toString());
    clearConversation();
    say('', false);
    void poll();
  }

  async function start() {
    const data = await api('people');
    state.people = data.people;
    state.botName = data.workspace.botName;
    el.team.textContent = data.workspace.teamName;
    state.namesById[data.workspace.botUserId] = data.workspace.botName;
    [
      ['operator', 'Operators'],
      ['user', 'Users'],
    ].forEach(function (pair) {
      const group = document.createElement('optgroup');
      group.label = pair[1];
      data.people.forEach(function (p) {
        state.namesById[p.id] = p.name;
        if (p.role !== pair[0]) return;
        const option = document.createElement('option');
        option.value = p.id;
        option.textContent = p.name + ' (' + p.id + ')';
        group.appendChild(option);
      });
      el.person.appendChild(group);
    });
    const wanted = new URLSearchParams(window.location.search).get('as');
    const first = data.people.find(function (p) {
      return p.id === wanted;
    }) || data.people.find(function (p) {
      return p.role === 'user';
    });
    el.person.value = first.id;
    choose(first.id);
    setInterval(function () {
      void poll();
    }, POLL_MS);
  }

  el.person.addEventListener('change', function () {
    choose(el.person.value);
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
