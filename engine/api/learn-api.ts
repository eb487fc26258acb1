import type { CaptureSession } from '../session/capture-session.js';
import type { CaptureSummary, LearnApi } from './contract.js';
import { findSamplesDirectory, readSamples, samplePath } from './samples.js';
import { tcpConversation } from './tcp-conversation.js';
import { requireInteger } from './validate.js';

/**
 * The learning operations over the open capture: the conversation stepper's data and the
 * welcome screen's sample captures. `open` opens a file as the capture (engine-api.ts).
 */
export function learnApi(session: () => CaptureSession, open: (path: string, name: string) => Promise<CaptureSummary>, samplesDirectory = findSamplesDirectory()): LearnApi {
  return {
    async tcpConversation(stream) {
      return tcpConversation(session(), requireInteger(stream, 'stream', 0, 0xffffffff));
    },
    async sampleCaptures() {
      return readSamples(samplesDirectory);
    },
    async openSample(file) {
      const path = samplePath(samplesDirectory, file);
      return open(path, file as string);
    },
  };
}
