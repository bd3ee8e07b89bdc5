import type { DetectorDefinition } from '../detector.js';

export const definition = {
  id: 'ansible',
  name: 'Ansible',
  kind: 'tool',
  category: 'configuration-management',
  description:
    'Ansible playbooks (a list of plays with hosts and tasks or roles), roles (roles/<name>/tasks/main.yml), ansible.cfg, inventories with ansible_* host variables, the ansible package in a requirements file, or a pipeline step that runs ansible-playbook or ansible-galaxy.',
  remediation:
    'Configure cluster nodes with Ansible (or bake them with Packer): keep playbooks, roles and inventories in git and run `ansible-playbook` from a pipeline, so every node is built the same way.',
  component: {
    commands: [
      /(^|[\s;&|(/])ansible-playbook(\s|$)/,
      /(^|[\s;&|(/])ansible-(galaxy\s+(install|role|collection)|pull|lint)\b/,
      /(^|[\s;&|(/])molecule\s+(test|converge|verify)\b/,
      // Ad-hoc runs: `ansible all -i inventory -m ping`.
      /(^|[\s;&|(/])ansible\s+[\w.:*!&,-]+\s+(.*\s)?-m\s+[\w.]+/,
    ],
    ciUses: [/^dawidd6\/action-ansible-playbook@|^ansible\/ansible-lint(-action)?@|^ansible-community\/ansible-test-gh-action@|^Ansible@\d/],
    dependencies: [{ name: /^ansible(-core|-base)?$/, ecosystems: ['pypi'] }],
    files: [{ path: /(^|\/)\.?ansible\.cfg$/, contains: /^\s*\[(defaults|inventory|privilege_escalation|ssh_connection|galaxy)\]/m }],
  },
} satisfies DetectorDefinition;
