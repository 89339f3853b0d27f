// Keyboard behaviour of the header's menus (assign, snooze), as the WAI-ARIA menu pattern has
// it: focus moves to the first (or the checked) item when the menu opens, ↑/↓ move and wrap,
// Home/End jump, Escape closes it (back to its button), so does focus or a click elsewhere. Used as an attachment on the menu element.

const ITEMS = '[role=menuitem]:not([disabled]), [role=menuitemradio]:not([disabled])';

export function menuKeys(onclose: (refocus: boolean) => void) {
	return (menu: HTMLElement) => {
		const items = () => [...menu.querySelectorAll<HTMLElement>(ITEMS)];
		const checked = menu.querySelector<HTMLElement>('[aria-checked=true]');
		(checked ?? items()[0])?.focus();

		const onKeydown = (event: KeyboardEvent) => {
			const list = items();
			const at = list.indexOf(document.activeElement as HTMLElement);
			const move = (index: number) => {
				event.preventDefault();
				list[(index + list.length) % list.length]?.focus();
			};
			// Inputs inside a menu (the custom snooze time) keep their own arrow keys.
			const inInput = (event.target as HTMLElement).tagName === 'INPUT';
			if (event.key === 'ArrowDown' && !inInput) move(at + 1);
			else if (event.key === 'ArrowUp' && !inInput) move(at - 1);
			else if (event.key === 'Home' && !inInput) move(0);
			else if (event.key === 'End' && !inInput) move(list.length - 1);
			else if (event.key === 'Escape') {
				event.preventDefault();
				event.stopPropagation();
				onclose(true);
			}
		};
		// Focus leaving the menu and its button (Tab away) closes it.
		const onFocusOut = (event: FocusEvent) => {
			const owner = menu.parentElement;
			const next = event.relatedTarget as Node | null;
			if (owner && next && !owner.contains(next)) onclose(false);
		};
		// A pointer press outside closes it, as any menu does.
		const onPointerDown = (event: PointerEvent) => {
			const owner = menu.parentElement;
			if (owner && !owner.contains(event.target as Node)) onclose(false);
		};
		menu.addEventListener('keydown', onKeydown);
		menu.addEventListener('focusout', onFocusOut);
		window.addEventListener('pointerdown', onPointerDown, true);
		return () => {
			menu.removeEventListener('keydown', onKeydown);
			menu.removeEventListener('focusout', onFocusOut);
			window.removeEventListener('pointerdown', onPointerDown, true);
		};
	};
}
