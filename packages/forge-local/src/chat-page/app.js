/* global document, window, fetch, setInterval, URLSearchParams */
// The sandbox chat page, for Slack and for Microsoft Teams: pick a person, read their 1:1 chat with Koji, write and click.
// The server names the channel in <html data-channel>; SLACK and TEAMS below hold what differs (the API's names, how the
// bot's messages and cards look, installing in Teams), and the rest is written once.
// Plain browser script (no build step); everything goes through /sandbox/<channel>/api/. Text only ever becomes DOM nodes.
'use strict';

(function () {
  const CHANNEL = document.documentElement.dataset.channel;
  const API = '/sandbox/' + CHANNEL + '/api/';
  const POLL_MS = 1000;

  const el = {
    person: document.getElementById('person'),
    install: document.getElementById('install'),
    installState: document.getElementById('install-state'),
    messages: document.getElementById('messages'),
    empty: document.getElementById('empty'),
    sendForm: document.getElementById('send-form'),
    personForm: document.getElementById('person-form'),
    text: document.getElementById('text'),
    file: document.getElementById('file'),
    paste: document.getElementById('paste'),
    send: document.getElementById('send'),
    status: document.getElementById('status'),
    title: document.getElementById('conversation-title'),
  };

  // `installed` stays true where there is nothing to install (Slack).
  const state = { people: [], namesById: {}, botName: 'Koji', person: '', installed: true, rendered: new Map(), polling: false };

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

  /** What the web trigger answered to each request a step made (Slack's answer names one, Teams' a list). */
  function reportTriggers(what, data) {
    const failed = (data.triggers || [data.trigger]).find(function (t) {
      return t.status < 200 || t.status >= 300;
    });
    if (!failed) say(what + '.', false);
    else say(what + ', but the app answered HTTP ' + failed.status + (failed.body ? ': ' + failed.body.slice(0, 200) : '.'), true);
  }

  /** A request body naming the person acted as, the way this channel's API names them. */
  function asPerson(body) {
    const named = {};
    named[channel.personField] = state.person;
    return Object.assign(named, body);
  }

  // --- Text as DOM nodes (never as HTML) ---

  function text(value) {
    return document.createTextNode(value);
  }

  /** Plain text in a paragraph, exactly as given. */
  function plain(value) {
    const div = document.createElement('div');
    div.className = 'text';
    const p = document.createElement('p');
    p.textContent = value;
    div.appendChild(p);
    return div;
  }

  /** A link that opens elsewhere when it goes to the web or to mail; anything else is its label, as text. */
  function webLink(url, label) {
    if (!/^(https?:|mailto:)/i.test(url)) return text(label);
    const a = document.createElement('a');
    a.href = url;
    a.rel = 'noopener noreferrer';
    a.target = '_blank';
    a.textContent = label;
    return a;
  }

  /**
   * A function that appends text to a node: what `pattern` matches becomes nodes through `onMatch(parent, match, wrap)`,
   * the rest text nodes through `decode`. `wrap(parent, tag, text)` formats `text` again, inside a `tag` element.
   */
  function inlineFormat(pattern, decode, onMatch) {
    function append(parent, value) {
      // A regex of its own per call: bold inside a quote recurses, and a shared one would lose its place.
      const inline = new RegExp(pattern);
      let last = 0;
      let match;
      while ((match = inline.exec(value)) !== null) {
        if (match.index > last) parent.appendChild(text(decode(value.slice(last, match.index))));
        onMatch(parent, match, wrap);
        last = inline.lastIndex;
      }
      if (last < value.length) parent.appendChild(text(decode(value.slice(last))));
    }
    function wrap(parent, tag, value) {
      const node = document.createElement(tag);
      append(node, value);
      parent.appendChild(node);
    }
    return append;
  }

  /** Lines as paragraphs, runs of `quote` lines as block quotes and, with `lists` (Teams), `- ` lines as lists and blank lines as breaks. */
  function paragraphs(value, quote, appendInline, lists) {
    const container = document.createElement('div');
    container.className = 'text';
    let group = null;
    let kind = '';
    value.split('\n').forEach(function (line) {
      const quoted = quote.exec(line);
      const item = lists ? /^\s*[-*] /.exec(line) : null;
      const lineKind = quoted ? 'quote' : item ? 'list' : 'p';
      if (group === null || lineKind !== kind || (lists && lineKind === 'p' && line === '')) {
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
        appendInline(group, quoted ? line.slice(quoted[0].length) : line);
      }
    });
    return container;
  }

  /** The buttons and links under a message or card, as a labelled group. */
  function actionGroup(label) {
    const group = document.createElement('div');
    group.className = 'actions';
    group.setAttribute('role', 'group');
    group.setAttribute('aria-label', label);
    return group;
  }

  function actionButton(label, style) {
    const button = document.createElement('button');
    button.type = 'button';
    button.textContent = label;
    if (style) button.className = style;
    return button;
  }

  // --- Slack: mrkdwn and Block Kit ---

  function slack() {
    function decode(value) {
      return value.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
    }

    const appendInline = inlineFormat(/<([^<>|]+)(?:\|([^<>]+))?>|\*([^*\n]+)\*|_([^_\n]+)_|~([^~\n]+)~|`([^`\n]+)`/g, decode, function (parent, match, wrap) {
      if (match[1] !== undefined) parent.appendChild(link(match[1], match[2]));
      else if (match[3] !== undefined) wrap(parent, 'strong', match[3]);
      else if (match[4] !== undefined) wrap(parent, 'em', match[4]);
      else if (match[5] !== undefined) wrap(parent, 's', match[5]);
      else wrap(parent, 'code', match[6]);
    });

    function link(target, label) {
      if (target.charAt(0) === '@') return text('@' + (label || state.namesById[target.slice(1)] || target.slice(1)));
      if (target.charAt(0) === '#') return text('#' + (label || target.slice(1)));
      if (target.charAt(0) === '!') return text('@' + (label || target.slice(1)));
      return webLink(decode(target), decode(label || target));
    }

    /** Paragraphs, with runs of `>` lines as block quotes (the operator's excerpt of the user's messages). */
    function mrkdwn(value) {
      return paragraphs(value, /^(>|&gt;) ?/, appendInline, false);
    }

    function plainOrMrkdwn(textObject) {
      if (!textObject || typeof textObject.text !== 'string') return document.createElement('div');
      return textObject.type === 'mrkdwn' ? mrkdwn(textObject.text) : plain(textObject.text);
    }

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
      const value = typeof inline.text === 'string' ? inline.text : '';
      if (inline.type === 'link' && typeof inline.url === 'string') {
        return /^https?:/i.test(inline.url) ? webLink(inline.url, value || inline.url) : text(value || inline.url);
      }
      if (inline.type === 'user') return text('@' + (state.namesById[inline.user_id] || inline.user_id));
      if (inline.type !== 'text') return text(value);
      const style = inline.style || {};
      let node = text(value);
      [['code', 'code'], ['bold', 'strong'], ['italic', 'em'], ['strike', 's']].forEach(function (pair) {
        if (!style[pair[0]]) return;
        const wrapper = document.createElement(pair[1]);
        wrapper.appendChild(node);
        node = wrapper;
      });
      // Line breaks inside a text element are shown as breaks.
      if (node.nodeType === 3 && value.indexOf('\n') >= 0) {
        const span = document.createElement('span');
        value.split('\n').forEach(function (part, i) {
          if (i > 0) span.appendChild(document.createElement('br'));
          span.appendChild(text(part));
        });
        return span;
      }
      return node;
    }

    function actions(message, block) {
      const group = actionGroup('Actions for the message from ' + message.name);
      (block.elements || []).forEach(function (element) {
        if (element.type !== 'button') return;
        const style = element.style === 'primary' || element.style === 'danger' ? element.style : '';
        const button = actionButton((element.text && element.text.text) || element.action_id, style);
        button.dataset.actionId = element.action_id;
        button.addEventListener('click', function () {
          void press(button, 'click', { ts: message.ts, actionId: element.action_id });
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

    return {
      personField: 'user',
      spaceNameId: 'team-name',
      chatTitle: 'Direct message between ',
      keyField: 'id',
      labelField: 'id',
      idField: 'ts',
      editedField: 'editedTs',
      met: function (data) {
        state.namesById[data.workspace.botUserId] = data.workspace.botName;
        data.people.forEach(function (p) {
          state.namesById[p.id] = p.name;
        });
        return { botName: data.workspace.botName, spaceName: data.workspace.teamName };
      },
      sentAt: function (message) {
        return new Date(Number(message.ts) * 1000).toISOString();
      },
      fill: function (bubble, message) {
        if (message.text !== '' || !message.files) bubble.appendChild(hasVisibleBlocks(message) ? renderBlocks(message) : mrkdwn(message.text));
        (message.files || []).forEach(function (file) {
          bubble.appendChild(sharedFile(file.name, file.mimetype, file.url, file.size));
        });
      },
      onChoose: function () {},
      onConversation: function () {},
    };
  }

  // --- Microsoft Teams: its markdown, its `xml` text, Adaptive Cards, installing the app ---

  function teams() {
    const ADAPTIVE_CARD = 'application/vnd.microsoft.card.adaptive';
    const FILE_CONSENT_CARD = 'application/vnd.microsoft.teams.card.file.consent';
    const FILE_INFO_CARD = 'application/vnd.microsoft.teams.card.file.info';
    const FILE_DOWNLOAD_INFO = 'application/vnd.microsoft.teams.file.download.info';

    const appendInline = inlineFormat(
      /\*\*([^*\n]+)\*\*|\[([^\]\n]+)\]\(([^)\s]+)\)|\*([^*\n]+)\*|_([^_\n]+)_|`([^`\n]+)`|<at>([^<]+)<\/at>/g,
      function (value) {
        return value;
      },
      function (parent, match, wrap) {
        if (match[1] !== undefined) wrap(parent, 'strong', match[1]);
        else if (match[2] !== undefined) parent.appendChild(webLink(match[3], match[2]));
        else if (match[4] !== undefined) wrap(parent, 'em', match[4]);
        else if (match[5] !== undefined) wrap(parent, 'em', match[5]);
        else if (match[6] !== undefined) wrap(parent, 'code', match[6]);
        else wrap(parent, 'strong', '@' + match[7]);
      },
    );

    /** Paragraphs, `>` lines as quotes, `- ` lines as lists; `<br>` counts as a line break. */
    function markdown(value) {
      return paragraphs(value.replace(/<br\s*\/?>/gi, '\n'), /^> ?/, appendInline, true);
    }

    const ENTITIES = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

    function decodeEntities(value) {
      return value.replace(/&(#x[0-9a-f]{1,6}|#\d{1,7}|[a-z]{2,6});/gi, function (whole, name) {
        if (name.charAt(0) === '#') {
          const code = name.charAt(1).toLowerCase() === 'x' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
          return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
        }
        return ENTITIES[name.toLowerCase()] || whole;
      });
    }

    const TAGS = { b: 'strong', strong: 'strong', i: 'em', em: 'em', code: 'code' };
    const appendXml = inlineFormat(/<(b|strong|i|em|code)>([^<]*)<\/\1>|<a href="([^"]*)">([^<]*)<\/a>|<br\s*\/?>|<[^>]*>/gi, decodeEntities, function (parent, match) {
      if (match[1] !== undefined) {
        const node = document.createElement(TAGS[match[1].toLowerCase()]);
        node.textContent = decodeEntities(match[2]);
        parent.appendChild(node);
      } else if (match[3] !== undefined) {
        parent.appendChild(webLink(decodeEntities(match[3]), decodeEntities(match[4])));
      } else if (/^<br/i.test(match[0])) {
        parent.appendChild(document.createElement('br'));
      }
    });

    /** Teams' `xml` text: b, i, code, br and web links as DOM nodes, any other tag dropped, entities decoded. */
    function xml(value) {
      const container = document.createElement('div');
      container.className = 'text';
      const p = document.createElement('p');
      container.appendChild(p);
      appendXml(p, value);
      return container;
    }

    /** A TextRun: its text literally (TextRuns are never Markdown), styled, and a link when it opens a web URL. */
    function textRun(inline) {
      if (typeof inline === 'string') return text(inline);
      const value = typeof inline.text === 'string' ? inline.text : '';
      const action = inline.selectAction;
      let node;
      if (action && action.type === 'Action.OpenUrl' && typeof action.url === 'string') node = webLink(action.url, value);
      else if (inline.fontType === 'Monospace' || inline.fontType === 'monospace') node = document.createElement('code');
      else if (inline.weight === 'Bolder' || inline.weight === 'bolder') node = document.createElement('strong');
      else if (inline.italic) node = document.createElement('em');
      else node = document.createElement('span');
      if (node.nodeType === 1 && node.textContent === '') node.textContent = value;
      if (inline.isSubtle && node.nodeType === 1) node.className = 'subtle';
      return node;
    }

    function messageText(message) {
      if (message.textFormat === 'plain') return plain(message.text);
      if (message.textFormat === 'xml') return xml(message.text);
      return markdown(message.text);
    }

    // Adaptive Cards: the elements Koji uses, and a few more.

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
        // Its spacing from the block above: None is the next line of the same text, Default after a blank line.
        p.className = 'text rich' + (typeof element.spacing === 'string' ? ' spacing-' + element.spacing.toLowerCase() : '');
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
      const group = actionGroup('Actions of the card from ' + message.name);
      list.forEach(function (action) {
        if (action.type === 'Action.OpenUrl' && typeof action.url === 'string') {
          group.appendChild(webLink(action.url, action.title || action.url));
          return;
        }
        const style = action.style === 'positive' || action.style === 'destructive' ? action.style : '';
        const button = actionButton(action.title || action.type, style);
        if (action.type === 'Action.Submit' && typeof action.sandboxSubmitIndex === 'number') {
          button.addEventListener('click', function () {
            void press(button, 'submit', { activityId: message.id, action: action.sandboxSubmitIndex });
          });
        } else {
          button.disabled = true;
          button.title = action.type + ' is not played by the sandbox';
        }
        group.appendChild(button);
      });
      return group;
    }

    // A file consent card as Teams shows it: the file's name, what the bot says of it, and Allow / Decline.
    function consentCard(message, attachment) {
      const card = document.createElement('div');
      card.className = 'card file-consent';
      const size = typeof attachment.content.sizeInBytes === 'number' ? ' (' + Math.max(1, Math.round(attachment.content.sizeInBytes / 1024)) + ' KB)' : '';
      card.appendChild(plain('📄 ' + (attachment.name || 'file') + size));
      if (typeof attachment.content.description === 'string') card.appendChild(plain(attachment.content.description));
      const group = actionGroup('Allow or decline the file from ' + message.name);
      [['Allow', 'accept', 'positive'], ['Decline', 'decline', '']].forEach(function (choice) {
        const button = actionButton(choice[0], choice[2]);
        button.addEventListener('click', function () {
          void press(button, 'consent', { activityId: message.id, action: choice[1] });
        });
        group.appendChild(button);
      });
      card.appendChild(group);
      return card;
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

    async function toggleInstall() {
      if (el.install.getAttribute('aria-disabled') === 'true') return;
      el.install.setAttribute('aria-disabled', 'true');
      const what = state.installed ? 'uninstall' : 'install';
      say(what === 'install' ? 'Installing…' : 'Removing…', false);
      try {
        const data = await api(what, { person: state.person });
        reportTriggers(what === 'install' ? 'Installed ' + state.botName : 'Removed ' + state.botName, data);
      } catch (error) {
        say('Not delivered: ' + error.message, true);
      } finally {
        el.install.removeAttribute('aria-disabled');
      }
      await poll();
    }

    el.install.addEventListener('click', function () {
      void toggleInstall();
    });

    return {
      personField: 'person',
      spaceNameId: 'tenant-name',
      chatTitle: 'Chat between ',
      keyField: 'key',
      labelField: 'email',
      idField: 'id',
      editedField: 'updatedAt',
      met: function (data) {
        return { botName: data.bot.name, spaceName: data.tenant.name };
      },
      sentAt: function (message) {
        return message.timestamp;
      },
      // Teams shows nothing in the chat for a card button's click (an Action.Submit): the card's update says what it did.
      hidden: function (message) {
        return message.kind === 'submit';
      },
      fill: function (bubble, message) {
        if (typeof message.text === 'string' && message.text !== '') bubble.appendChild(messageText(message));
        (message.attachments || []).forEach(function (attachment) {
          if (attachment.contentType === ADAPTIVE_CARD && attachment.content) bubble.appendChild(renderCard(message, attachment.content));
          else if (/^image\//.test(attachment.contentType) && /^data:image\/(png|jpeg|gif);base64,/.test(attachment.contentUrl || '')) {
            bubble.appendChild(sharedFile(attachment.name || 'picture', attachment.contentType, attachment.contentUrl));
          }
          else if (attachment.contentType === FILE_CONSENT_CARD && attachment.content) bubble.appendChild(consentCard(message, attachment));
          else if (attachment.contentType === FILE_INFO_CARD) {
            if (attachment.sandboxDownload) bubble.appendChild(sharedFile(attachment.name || 'file', '', attachment.sandboxDownload));
            else bubble.appendChild(plain('📎 ' + (attachment.name || 'file')));
          }
          else if (attachment.contentType === FILE_DOWNLOAD_INFO) bubble.appendChild(plain('📎 ' + (attachment.name || 'file')));
          else if (attachment.contentType === 'image/*') bubble.appendChild(plain('🖼 a pasted picture'));
          else if (message.from === 'bot') bubble.appendChild(plain('[attachment ' + attachment.contentType + ']'));
        });
      },
      onChoose: function (person) {
        showInstalled(person ? person.installed : false);
      },
      onConversation: function (data) {
        showInstalled(data.installed);
      },
    };
  }

  // A channel part names, in its API: the person acted as (personField), a person's key and label (keyField,
  // labelField), a message's id and edit (idField, editedField); and gives the page the element showing the workspace
  // or tenant (spaceNameId), the chat's title, met(people answer), sentAt(message), fill(bubble, message) with the
  // message's body, optionally hidden(message) for what the client never shows, and what happens on choosing a person
  // and on each conversation answer (onChoose, onConversation).
  const channel = CHANNEL === 'slack' ? slack() : CHANNEL === 'teams' ? teams() : null;

  // --- The conversation, the same on both channels ---

  /** A shared file: a picture shown inline, anything else a download link with its size. Its name stays text. */
  function sharedFile(name, type, url, size) {
    const figure = document.createElement('figure');
    figure.className = 'shared-file';
    if (/^image\/(png|jpeg|gif|webp)$/.test(type)) {
      const img = document.createElement('img');
      img.src = url;
      img.alt = name;
      figure.appendChild(img);
    }
    const caption = document.createElement('figcaption');
    const link = document.createElement('a');
    link.href = url;
    link.download = name;
    link.textContent = '📎 ' + name;
    caption.appendChild(link);
    if (typeof size === 'number') caption.appendChild(document.createTextNode(' (' + Math.max(1, Math.round(size / 1024)) + ' KB)'));
    figure.appendChild(caption);
    return figure;
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
    const sentAt = channel.sentAt(message);
    const time = document.createElement('time');
    time.dateTime = sentAt;
    time.textContent = new Date(sentAt).toLocaleTimeString();
    head.appendChild(time);
    if (message[channel.editedField]) {
      const edited = document.createElement('span');
      edited.className = 'edited';
      edited.textContent = '(edited)';
      head.appendChild(edited);
    }
    li.appendChild(head);
    const bubble = document.createElement('div');
    bubble.className = 'bubble';
    channel.fill(bubble, message);
    li.appendChild(bubble);
    return li;
  }

  /** Adds new messages and redraws changed ones, leaving the rest (and the focus in them) alone. */
  function render(messages) {
    const nearBottom = el.messages.scrollHeight - el.messages.scrollTop - el.messages.clientHeight < 40;
    let added = false;
    const seen = new Set();
    messages.forEach(function (message) {
      if (channel.hidden && channel.hidden(message)) return;
      const id = message[channel.idField];
      seen.add(id);
      const signature = JSON.stringify(message);
      const existing = state.rendered.get(id);
      if (existing && existing.signature === signature) return;
      const li = renderMessage(message);
      if (existing) el.messages.replaceChild(li, existing.li);
      else {
        el.messages.appendChild(li);
        added = true;
      }
      state.rendered.set(id, { signature: signature, li: li });
    });
    state.rendered.forEach(function (entry, id) {
      if (!seen.has(id)) {
        entry.li.remove();
        state.rendered.delete(id);
      }
    });
    el.empty.hidden = seen.size > 0;
    if (added && nearBottom) el.messages.scrollTop = el.messages.scrollHeight;
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
      const data = await api('conversation?' + channel.personField + '=' + encodeURIComponent(person));
      if (person === state.person) {
        channel.onConversation(data);
        render(data.messages);
      }
    } catch (error) {
      say('Could not load the conversation: ' + error.message, true);
    } finally {
      state.polling = false;
    }
  }

  async function send(event) {
    event.preventDefault();
    const value = el.text.value;
    const file = el.file && el.file.files && el.file.files[0];
    if ((value.trim() === '' && !file) || !state.installed) return;
    say('Sending…', false);
    try {
      const data = file ? await sendFile(file, value) : await api('send', asPerson({ text: value }));
      el.text.value = '';
      if (file) el.file.value = '';
      if (file && el.paste) el.paste.checked = false;
      reportTriggers('Sent', data);
    } catch (error) {
      say('Not delivered: ' + error.message, true);
    }
    el.text.focus();
    await poll();
  }

  /** A file (and the words typed with it) as the person's message: the bytes as the body, the rest in the query. */
  async function sendFile(file, text) {
    const query = new URLSearchParams({ name: file.name, type: file.type, text: text });
    query.set(channel.personField, state.person);
    if (el.paste && el.paste.checked) query.set('pasted', '1');
    const response = await fetch(API + 'send-file?' + query.toString(), { method: 'POST', headers: { 'content-type': 'application/octet-stream' }, body: file });
    const data = await response.json().catch(function () {
      return {};
    });
    if (!response.ok) throw new Error(data.message || 'HTTP ' + response.status);
    return data;
  }

  /** A click on a button of the bot's message: `path` and `body` say which, the way this channel's API does. */
  async function press(button, path, body) {
    // aria-disabled rather than disabled: a disabled button drops the keyboard focus.
    if (button.getAttribute('aria-disabled') === 'true') return;
    button.setAttribute('aria-disabled', 'true');
    say('Clicking “' + button.textContent + '”…', false);
    try {
      const data = await api(path, asPerson(body));
      reportTriggers('Clicked “' + button.textContent + '”', data);
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
      return p[channel.keyField] === key;
    });
    channel.onChoose(person);
    el.title.textContent = channel.chatTitle + (person ? person.name : key) + ' and ' + state.botName;
    const url = new URL(window.location.href);
    url.searchParams.set('as', key);
    window.history.replaceState(null, '', url.toString());
    clearConversation();
    say('', false);
    void poll();
  }

  async function start() {
    if (!channel) throw new Error('this page names no chat channel it knows (' + CHANNEL + ')');
    const data = await api('people');
    state.people = data.people;
    const space = channel.met(data);
    state.botName = space.botName;
    document.getElementById(channel.spaceNameId).textContent = space.spaceName;
    [
      ['operator', 'Operators'],
      ['user', 'Users'],
    ].forEach(function (pair) {
      const group = document.createElement('optgroup');
      group.label = pair[1];
      data.people.forEach(function (p) {
        if (p.role !== pair[0]) return;
        const option = document.createElement('option');
        option.value = p[channel.keyField];
        // "Chloé Dubois (UCHLOE, fr-FR)": who, and the language their chat client is in.
        option.textContent = p.name + ' (' + [p[channel.labelField], p.locale].filter(Boolean).join(', ') + ')';
        group.appendChild(option);
      });
      el.person.appendChild(group);
    });
    const wanted = new URLSearchParams(window.location.search).get('as');
    const first =
      data.people.find(function (p) {
        return p[channel.keyField] === wanted;
      }) ||
      data.people.find(function (p) {
        return p.role === 'user';
      });
    el.person.value = first[channel.keyField];
    choose(first[channel.keyField]);
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
