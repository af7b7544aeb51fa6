#!/usr/bin/env bash
# Generated once by govops as a starting point. Edit freely: govops will not overwrite it without --force.
# Platform steps the pipeline calls to release this service: fill them in for your platform (ECS,
# EKS, Cloud Run, …). govops wrote this file once and will not overwrite it. The pipeline has
# already assumed the deploy role through OIDC: never add long-lived keys here.
#
# Usage: deploy.sh migrate ENVIRONMENT
#        deploy.sh release ENVIRONMENT ARTIFACT   blue-green: start the new version beside the old
#        deploy.sh promote ENVIRONMENT            send all traffic to the new version
#        deploy.sh rollback ENVIRONMENT           send all traffic back to the previous version
set -euo pipefail

action="${1:?usage: deploy.sh migrate|release|promote|rollback ENVIRONMENT [ARTIFACT]}"
environment="${2:?usage: deploy.sh migrate|release|promote|rollback ENVIRONMENT [ARTIFACT]}"

not_configured() {
  echo "deploy.sh $action is not configured for $environment yet: edit ops/delivery/deploy.sh" >&2
  exit 1
}

case "$action" in
  migrate) not_configured ;;
  release)
    artifact="${3:?usage: deploy.sh release ENVIRONMENT ARTIFACT}"
    echo "Releasing $artifact to $environment"
    not_configured
    ;;
  promote) not_configured ;;
  rollback) not_configured ;;
  *)
    echo "unknown action: $action" >&2
    exit 2
    ;;
esac
