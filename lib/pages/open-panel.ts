import { browser } from 'wxt/browser';

/** Firefox's sidebar API (absent from Chrome's types). */
type SidebarAction = { open(): Promise<void> };

/**
 * Opens the queue beside the page: Chrome's side panel or Firefox's sidebar (both need the click's user
 * gesture, so this runs in the click handler with nothing awaited before it); a tab where neither exists.
 * `windowId` is the popup's window, looked up before the click.
 */
export function openQueuePanel(windowId: number | undefined): Promise<void> {
  const sidebarAction = (browser as unknown as { sidebarAction?: SidebarAction }).sidebarAction;
  const inTab = () => browser.tabs.create({ url: browser.runtime.getURL('/sidepanel.html') }).then(() => undefined);
  try {
    if (sidebarAction) return sidebarAction.open().catch(inTab);
    if (browser.sidePanel && windowId !== undefined) return browser.sidePanel.open({ windowId }).catch(inTab);
  } catch {
    // An API that throws instead of rejecting: the tab below.
  }
  return inTab();
}
