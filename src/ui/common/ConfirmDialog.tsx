/**
 * A modal confirmation built on `<dialog>`: the browser traps focus and handles Escape;
 * we move focus in (to the safe choice, or the type-to-confirm field) and back to where it
 * was when the dialog closes. Optional type-to-confirm ("type delete") for irreversible acts.
 */
import type { ComponentChildren } from 'preact';
import { useEffect, useId, useRef, useState } from 'preact/hooks';

export interface ConfirmDialogProps {
  readonly open: boolean;
  readonly title: string;
  readonly children?: ComponentChildren;
  readonly confirmLabel: string;
  readonly cancelLabel?: string;
  /** Styles the confirm button as destructive. */
  readonly danger?: boolean;
  /** When set, the confirm button stays disabled until the user types exactly this word. */
  readonly requireText?: string;
  readonly busy?: boolean;
  readonly onConfirm: () => void;
  readonly onCancel: () => void;
  readonly testId?: string;
  readonly confirmTestId?: string;
  readonly inputTestId?: string;
}

export function ConfirmDialog(props: ConfirmDialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const returnFocus = useRef<Element | null>(null);
  const [typed, setTyped] = useState('');
  const titleId = useId();
  const descId = useId();
  const inputId = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (props.open) {
      returnFocus.current = document.activeElement;
      setTyped('');
      if (!dialog.open) {
        if (typeof dialog.showModal === 'function') {
          try {
            dialog.showModal();
          } catch {
            // Already open, or not connected yet: show it non-modally rather than not at all.
            dialog.setAttribute('open', '');
          }
        } else dialog.setAttribute('open', '');
      }
      // Destructive actions start on the safe button, or on the field that unlocks them.
      (inputRef.current ?? cancelRef.current)?.focus();
    } else if (dialog.open || dialog.hasAttribute('open')) {
      if (typeof dialog.close === 'function') dialog.close();
      else dialog.removeAttribute('open');
      const back = returnFocus.current as HTMLElement | null;
      if (back && typeof back.focus === 'function' && back.isConnected) back.focus();
    }
  }, [props.open]);

  const unlocked = props.requireText === undefined || typed.trim().toLowerCase() === props.requireText.toLowerCase();
  const canConfirm = unlocked && !props.busy;

  return (
    <dialog
      ref={ref}
      class="confirm-dialog"
      aria-labelledby={titleId}
      aria-describedby={descId}
      data-testid={props.testId ?? 'confirm-dialog'}
      onCancel={(e) => {
        // Escape: let the owner close it, so its state stays the one truth.
        e.preventDefault();
        if (!props.busy) props.onCancel();
      }}
    >
      <form
        method="dialog"
        onSubmit={(e) => {
          e.preventDefault();
          if (canConfirm) props.onConfirm();
        }}
      >
        <h2 id={titleId}>{props.title}</h2>
        <div id={descId} class="confirm-body">
          {props.children}
        </div>
        {props.requireText !== undefined && (
          <p>
            <label for={inputId}>
              Type <strong>{props.requireText}</strong> to confirm
            </label>
            <input
              id={inputId}
              ref={inputRef}
              type="text"
              autoComplete="off"
              spellcheck={false}
              value={typed}
              data-testid={props.inputTestId}
              onInput={(e) => setTyped(e.currentTarget.value)}
            />
          </p>
        )}
        <div class="button-row">
          <button type="button" ref={cancelRef} data-testid="confirm-cancel" disabled={props.busy} onClick={() => props.onCancel()}>
            {props.cancelLabel ?? 'Cancel'}
          </button>
          <button type="submit" class={props.danger ? 'danger' : 'primary'} disabled={!canConfirm} data-testid={props.confirmTestId ?? 'confirm-ok'}>
            {props.busy ? 'Working…' : props.confirmLabel}
          </button>
        </div>
      </form>
    </dialog>
  );
}
