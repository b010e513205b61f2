/**
 * The one way an action writes what GitHub's UI shows as an annotation or a step's failure
 * (`::error`, `::warning`, `::notice`; setFailed is an `::error` too). A message carries workflow,
 * manifest, trail or broker values, and the UI draws their bidirectional controls and zero-width
 * characters: each message and title passes visibleText here (session 34 wrapped each call site in
 * check, enforce and exchange; actions/audit's stayed raw, session 35), so a new call site cannot forget
 * it. tests/hostile-faces-s35/s35-f-annotation-wrapper scans shared/ for any other call.
 */
import * as core from '@actions/core';
import { visibleText } from '../render/escape.js';

type Properties = core.AnnotationProperties;

// The file stays as written: it locates the annotation (GitHub matches it to the path), it is not prose.
const props = (p: Properties | undefined): Properties | undefined =>
  p && p.title !== undefined ? { ...p, title: visibleText(p.title) } : p;

export const annotations = {
  error: (message: string, p?: Properties) => core.error(visibleText(message), props(p)),
  warning: (message: string, p?: Properties) => core.warning(visibleText(message), props(p)),
  notice: (message: string, p?: Properties) => core.notice(visibleText(message), props(p)),
  setFailed: (message: string) => core.setFailed(visibleText(message)),
};
