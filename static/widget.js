/*
 * Switchboard web chat widget. On any site:
 *
 *   <script src="https://YOUR-SWITCHBOARD/widget.js" data-workspace="WORKSPACE_ID" async></script>
 *
 * Optional: data-label="Chat with us", data-position="left", data-color="#2f6fed".
 *
 * Adds a launcher button and a panel with the chat page (/chat/{workspace}) in an iframe on the
 * Switchboard origin. The chat runs entirely inside that iframe; this script only opens and
 * closes it and tells it which page the visitor is on — when the page loads and whenever its
 * address changes (history.pushState/replaceState, back/forward, #hash) — so agents see where
 * the visitor is. The styles live in a shadow root so the host site's CSS cannot break them.
 */
(function () {
	'use strict';
	var script =
		document.currentScript ||
		(function () {
			var found = document.querySelectorAll('script[src*="widget.js"][data-workspace]');
			return found[found.length - 1];
		})();
	if (!script || window.__switchboardWidget) return;
	var workspace = script.getAttribute('data-workspace');
	if (!workspace) {
		console.error('Switchboard widget: add data-workspace="…" to the script tag.');
		return;
	}
	window.__switchboardWidget = true;

	var origin = new URL(script.src, location.href).origin;
	var label = script.getAttribute('data-label') || 'Chat with us';
	var side = script.getAttribute('data-position') === 'left' ? 'left' : 'right';
	var color = /^#[0-9a-f]{3,8}$/i.test(script.getAttribute('data-color') || '') ? script.getAttribute('data-color') : '#2f6fed';

	var css =
		':host{all:initial}' +
		'.launcher{position:fixed;bottom:20px;' + side + ':20px;z-index:2147483646;display:flex;align-items:center;gap:8px;height:52px;padding:0 20px 0 16px;border:none;border-radius:26px;background:' + color + ';color:#fff;font:600 15px/1 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;box-shadow:0 6px 20px rgba(20,30,60,.25);cursor:pointer}' +
		'.launcher:hover{filter:brightness(1.07)}' +
		'.launcher:focus-visible{outline:3px solid #fff;box-shadow:0 0 0 6px ' + color + '}' +
		'.launcher svg{flex:none}' +
		'.badge{min-width:20px;height:20px;padding:0 6px;border-radius:10px;background:#e5484d;color:#fff;font-size:12px;line-height:20px;text-align:center}' +
		'.badge[hidden]{display:none}' +
		'.panel{position:fixed;bottom:84px;' + side + ':20px;z-index:2147483647;width:380px;height:min(600px,calc(100vh - 110px));border-radius:16px;overflow:hidden;background:#fff;box-shadow:0 12px 40px rgba(20,30,60,.3);opacity:0;transform:translateY(12px);visibility:hidden;transition:opacity .18s,transform .18s,visibility 0s .18s}' +
		'.panel.open{opacity:1;transform:none;visibility:visible;transition:opacity .18s,transform .18s}' +
		'iframe{display:block;width:100%;height:100%;border:0}' +
		'@media (max-width:480px){.panel{inset:0;width:auto;height:auto;border-radius:0;bottom:0}.panel.open~.launcher{display:none}}' +
		'@media (prefers-reduced-motion:reduce){.panel,.panel.open{transition:none}}';

	var host = document.createElement('div');
	host.setAttribute('data-switchboard-widget', '');
	var root = host.attachShadow ? host.attachShadow({ mode: 'open' }) : host;
	var style = document.createElement('style');
	style.textContent = css;
	root.appendChild(style);

	var panel = document.createElement('div');
	panel.className = 'panel';
	panel.id = 'switchboard-chat-panel';
	panel.setAttribute('role', 'dialog');
	panel.setAttribute('aria-label', label);
	var frame = document.createElement('iframe');
	frame.title = label;
	frame.src = origin + '/chat/' + encodeURIComponent(workspace) + '?embed=1';
	frame.setAttribute('allow', 'clipboard-write');
	panel.appendChild(frame);

	var button = document.createElement('button');
	button.type = 'button';
	button.className = 'launcher';
	button.setAttribute('aria-expanded', 'false');
	button.setAttribute('aria-controls', panel.id);
	button.innerHTML =
		'<svg width="22" height="22" viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round" aria-hidden="true"><path d="M21 12a8 8 0 0 1-11.6 7.1L4 20.5l1.4-4.9A8 8 0 1 1 21 12z"/></svg>';
	var text = document.createElement('span');
	text.textContent = label;
	var badge = document.createElement('span');
	badge.className = 'badge';
	badge.hidden = true;
	button.appendChild(text);
	button.appendChild(badge);

	root.appendChild(panel);
	root.appendChild(button);

	// The visitor's chat session, kept in this site's own storage: browsers keep storage from an
	// iframe of another site away from it, so the chat page hands its session to us to keep.
	var sessionKey = 'switchboard:webchat:' + workspace;
	function loadSession() {
		try {
			return JSON.parse(localStorage.getItem(sessionKey) || 'null');
		} catch {
			return null;
		}
	}
	function keepSession(session) {
		try {
			if (session) localStorage.setItem(sessionKey, JSON.stringify(session));
			else localStorage.removeItem(sessionKey);
		} catch {
			// Storage is off: the chat lasts as long as the page.
		}
	}

	var ready = false;
	var open = false;
	var lastUrl = null;

	function post(message) {
		if (ready && frame.contentWindow) frame.contentWindow.postMessage(message, origin);
	}

	function reportPage() {
		if (!ready || location.href === lastUrl) return;
		lastUrl = location.href;
		post({ type: 'switchboard:page', url: location.href.slice(0, 2048), title: (document.title || '').slice(0, 300) });
	}

	function setOpen(next) {
		open = next;
		panel.classList.toggle('open', open);
		button.setAttribute('aria-expanded', String(open));
		post({ type: 'switchboard:visible', visible: open });
		if (open) {
			badge.hidden = true;
			frame.focus();
		} else button.focus();
	}

	button.addEventListener('click', function () {
		setOpen(!open);
	});
	document.addEventListener('keydown', function (event) {
		if (open && event.key === 'Escape') setOpen(false);
	});

	window.addEventListener('message', function (event) {
		if (event.origin !== origin || event.source !== frame.contentWindow || !event.data) return;
		var data = event.data;
		if (data.type === 'switchboard:ready') {
			ready = true;
			lastUrl = null;
			post({ type: 'switchboard:session', session: loadSession() });
			reportPage();
			post({ type: 'switchboard:visible', visible: open });
		} else if (data.type === 'switchboard:unread') {
			var count = Number(data.count) || 0;
			badge.textContent = count > 9 ? '9+' : String(count);
			badge.hidden = open || count === 0;
		} else if (data.type === 'switchboard:session') {
			keepSession(data.session && typeof data.session.token === 'string' ? data.session : null);
		} else if (data.type === 'switchboard:close') {
			setOpen(false);
		}
	});

	// Single-page sites change the address without loading a page: watch the history API.
	// The title often changes just after the address, so report on the next turn.
	function later() {
		setTimeout(reportPage, 0);
	}
	['pushState', 'replaceState'].forEach(function (name) {
		var original = history[name];
		history[name] = function () {
			var result = original.apply(this, arguments);
			later();
			return result;
		};
	});
	window.addEventListener('popstate', later);
	window.addEventListener('hashchange', later);

	function mount() {
		document.body.appendChild(host);
	}
	if (document.body) mount();
	else document.addEventListener('DOMContentLoaded', mount);
})();
