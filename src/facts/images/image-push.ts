import type { RegistryName } from './registries.js';

/** One place where CI pushes an image to a registry. */
export interface ImagePush {
  file: string;
  line: number;
  job?: string;
  /** How: "docker push", "docker/build-push-action", "kaniko --destination"… */
  method: string;
  /** The pushed reference as written, when the step names one. */
  reference?: string;
  /** A registry the method itself implies (aws-ecr orb → ECR, gcloud builds submit → GCR/Artifact Registry). */
  implied?: RegistryName;
}
