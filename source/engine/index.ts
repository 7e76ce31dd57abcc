// The only code that talks to Docker: it emits EngineEvents and returns results; it never renders.
export {connectEngine, buildersFor, type Engine, type ConnectResult} from './connect.js';
export {resolveDockerHost, parseHost, type EngineEndpoint, type HostResolution} from './docker-host.js';
export {measure, MeasureAborted, type MeasurePlan, type MeasureRun} from './measure.js';
export type {EngineAdapter, EngineHandle} from './adapter.js';
export {DockerodeAdapter} from './dockerode-adapter.js';
export {recoverLeftovers, type Recovery} from './leftover-recovery.js';
export {newRunIdentity, runLabels, type RunIdentity} from './run-identity.js';
export {buildImage, type Builder, type BuildOutcome, type BuildRequest} from './build.js';
export {packContext, type PackedContext, type ContextOverrides} from './context-pack.js';
export {smokeTest, demuxLogs, type SmokeOptions} from './smoke.js';
export {baseImages, defaultPullSettings, ensureBaseImages, type PullOutcome, type PullSettings} from './base-images.js';
export {baseImageNotes} from './base-image-notes.js';
export {findCredentials, type CredentialLookup, type RegistryAuth} from './registry-credentials.js';
export {downloadSize, type DownloadSize} from './registry-manifest.js';
export {imageFacts, type ImageFacts, type HistoryEntry} from './image-facts.js';
export {buildkitNeed} from './buildkit-need.js';
export {BuildStreamDecoder, type BuildMessage} from './build-stream.js';
export {spreadOf} from './spread.js';
