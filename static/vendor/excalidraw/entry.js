// sdprep's wrapper around Excalidraw: bundled by build.mjs into excalidraw.js,
// which exposes the single global window.SdprepBoard. window.EXCALIDRAW_ASSET_PATH
// is already set (build.mjs's banner runs before any bundled module).
import { createElement } from "react";
import { createRoot } from "react-dom/client";
import {
  CaptureUpdateAction,
  Excalidraw,
  convertToExcalidrawElements,
  exportToSvg,
  reconcileElements,
  restoreElements,
} from "@excalidraw/excalidraw";

const assetPath = window.EXCALIDRAW_ASSET_PATH;
const NEVER = { captureUpdate: CaptureUpdateAction.NEVER };
const idleAppState = { editingTextElement: null, resizingElement: null, newElement: null };
const bundles = new Map();

// The mermaid converter (mermaid inside, 3.5 MB) is a second bundle next to this one,
// fetched from our own folder the first time it is needed (by us or by Excalidraw's
// mermaid dialog); it sets one global when it has run.
function loadBundle(file, globalName) {
  if (!bundles.has(file)) {
    bundles.set(
      file,
      new Promise((resolve, reject) => {
        const script = document.createElement("script");
        script.src = new URL(file, assetPath).href;
        script.onload = () => resolve(window[globalName]);
        script.onerror = () => {
          bundles.delete(file);
          reject(new Error(`could not load ${script.src}`));
        };
        document.head.appendChild(script);
      }),
    );
  }
  return bundles.get(file);
}

async function mermaidToScene(code) {
  const { parseMermaidToExcalidraw } = await loadBundle("mermaid-to-excalidraw.js", "SdprepMermaidToExcalidraw");
  const { elements, files } = await parseMermaidToExcalidraw(code);
  return { elements: convertToExcalidrawElements(elements, { regenerateIds: true }), files: files || {} };
}

// Pure merge for replay: neither input array nor its elements are modified.
function reconcile(localElements, remoteElements) {
  const copy = (elements) => (elements || []).map((element) => ({ ...element }));
  return reconcileElements(copy(localElements), restoreElements(copy(remoteElements), null), idleAppState);
}

function mount(container, options = {}) {
  const root = createRoot(container);
  let api = null;
  let resolveReady;
  const ready = new Promise((resolve) => (resolveReady = resolve));
  const needApi = () => {
    if (!api) throw new Error("SdprepBoard: the board is not ready yet (await handle.ready)");
    return api;
  };
  const handle = {
    ready,
    get api() {
      return api;
    },
    getElements: () => needApi().getSceneElementsIncludingDeleted(),
    applyRemote(elements) {
      const board = needApi();
      const merged = reconcileElements(
        board.getSceneElementsIncludingDeleted(),
        restoreElements(elements, null),
        board.getAppState(),
      );
      board.updateScene({ elements: merged, ...NEVER });
      return merged;
    },
    setElements(elements) {
      needApi().updateScene({ elements: restoreElements(elements, null), ...NEVER });
    },
    updateCollaborators(collaborators) {
      const map = collaborators instanceof Map ? collaborators : new Map(Object.entries(collaborators || {}));
      needApi().updateScene({ collaborators: map, ...NEVER });
    },
    addLibraryItems: (items) => needApi().updateLibrary({ libraryItems: items, merge: true }),
    addFiles: (files) => needApi().addFiles(Object.values(files || {})),
    unmount() {
      root.unmount();
      api = null;
    },
  };
  root.render(
    createElement(Excalidraw, {
      initialData: { elements: options.initialElements || [], scrollToContent: true },
      viewModeEnabled: Boolean(options.viewModeEnabled),
      // Images would need file storage; the board keeps shapes, arrows, text and freehand only.
      UIOptions: { tools: { image: false } },
      theme: options.theme === "dark" ? "dark" : "light",
      onChange: options.onChange,
      onPointerUpdate: options.onPointerUpdate,
      // Embeds (YouTube, Figma, ...) are third-party frames the CSP blocks: show links instead.
      validateEmbeddable: () => false,
      excalidrawAPI: (excalidrawApi) => {
        if (excalidrawApi && !api) {
          api = excalidrawApi;
          // The API exists before initialData is loaded (which replaces the scene):
          // ready waits for the first change event, which only comes once that is done.
          const unsubscribe = api.onChange((elements, appState) => {
            if (!appState.isLoading) {
              unsubscribe();
              resolveReady(handle);
            }
          });
        }
      },
    }),
  );
  return handle;
}

window.SdprepBoard = {
  assetPath,
  mount,
  reconcile,
  convertToExcalidrawElements,
  mermaidToElements: async (code) => (await mermaidToScene(code)).elements,
  mermaidToScene,
  exportToSvg,
  loadBundle,
};
