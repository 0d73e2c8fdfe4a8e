/** The in-page "Picked for you" overlay. See panel-host.tsx. */
export { mountPanel, panelUrl, PANEL_TAG, type PanelHandle, type PanelOptions } from './panel-host';
export { PANEL_CLOSE, isPanelClose, type PanelCloseMessage } from './panel-messages';
