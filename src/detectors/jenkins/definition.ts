import type { DetectorDefinition } from '../detector.js';

export const definition = {
  id: 'jenkins',
  name: 'Jenkins',
  kind: 'tool',
  category: 'ci',
  description:
    'A Jenkinsfile (Jenkinsfile.*, *.jenkinsfile) with a declarative (`pipeline {`) or scripted (`node {`) pipeline or a shared-library call, a pipeline kept in another Groovy file whose first statement opens one (`pipeline/jenkins.groovy`), a Jenkins shared library (vars/*.groovy defining `call`), Jenkins Configuration as Code (a top-level `jenkins:` block), a custom image built FROM jenkins/jenkins, Jenkins deployed to Kubernetes (jenkins chart, images, the Jenkins operator), the Terraform jenkins provider, or Jenkins Job Builder runs.',
  remediation:
    'Keep the pipeline in a Jenkinsfile next to the code (declarative `pipeline { stages { … } }`), run it from a multibranch job so every branch and pull request is built, and configure the controller with JCasC in git.',
  component: {
    charts: [/^jenkins$/, /^jenkins-operator$/],
    images: [/^(jenkins|jenkinsci)\/(jenkins|inbound-agent|jnlp-slave|blueocean)$/, /^(virtuslab|jenkinsci)\/jenkins-operator$/],
    objects: [{ group: /^jenkins\.io$/, kind: /^(Jenkins|JenkinsImage|Casc)$/ }],
    terraformProviders: /^jenkins$/,
    terraformResources: /^jenkins_(job|folder|credential_\w+)$/,
    commands: [/(^|[\s;&|(/])jenkins-jobs\s+(\S+\s+)*?(update|test)\b/, /\bjenkins-cli\.jar\b/],
  },
} satisfies DetectorDefinition;
