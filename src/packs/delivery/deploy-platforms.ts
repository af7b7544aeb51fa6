/**
 * The release steps a generated deploy runs on the platform analysis found. Each is the platform's own
 * safe rollout: Helm's atomic upgrade, a Kubernetes rollout, Serverless or SAM deploys, Cloud Foundry's
 * rolling push, App Engine versions with traffic splitting, Azure slots, and ECS only where ECS was found.
 * Values in capitals come from the environment the pipeline sets (variables per GitHub environment).
 */
export interface PlatformSteps {
  title: string;
  release: string[];
  promote: string[];
  rollback: string[];
  /** Whether the pipeline assumes an AWS role through OIDC before these run. */
  aws: boolean;
}

export const PLATFORM_STEPS: Record<string, PlatformSteps> = {
  helm: {
    title: "Helm",
    release: [
      'helm upgrade --install "$RELEASE_NAME" "$CHART_PATH" --namespace "$environment" \\',
      '  --values "$CHART_PATH/values-$environment.yaml" --set image.tag="$artifact" --atomic --wait --timeout 10m',
    ],
    promote: ['helm status "$RELEASE_NAME" --namespace "$environment"'],
    rollback: ['helm rollback "$RELEASE_NAME" --namespace "$environment" --wait'],
    aws: false,
  },
  kubernetes: {
    title: "Kubernetes",
    release: [
      'kubectl --namespace "$environment" set image "deployment/$DEPLOYMENT" "app=$artifact"',
      'kubectl --namespace "$environment" rollout status "deployment/$DEPLOYMENT" --timeout 10m',
    ],
    promote: ['kubectl --namespace "$environment" rollout status "deployment/$DEPLOYMENT"'],
    rollback: ['kubectl --namespace "$environment" rollout undo "deployment/$DEPLOYMENT"'],
    aws: false,
  },
  serverless: {
    title: "Serverless Framework",
    release: ['npx --no-install serverless deploy --stage "$environment"'],
    promote: ['npx --no-install serverless info --stage "$environment"'],
    rollback: [
      'npx --no-install serverless rollback --stage "$environment" --timestamp "$PREVIOUS_DEPLOYMENT"',
    ],
    aws: true,
  },
  sam: {
    title: "AWS SAM",
    release: ['sam deploy --config-env "$environment" --no-fail-on-empty-changeset'],
    promote: ['aws cloudformation describe-stacks --stack-name "$STACK_NAME-$environment"'],
    rollback: ['aws cloudformation rollback-stack --stack-name "$STACK_NAME-$environment"'],
    aws: true,
  },
  cloudfoundry: {
    title: "Cloud Foundry",
    release: ['cf target -s "$environment"', 'cf push "$APP_NAME" --strategy rolling'],
    promote: ['cf app "$APP_NAME"'],
    rollback: ['cf cancel-deployment "$APP_NAME" || cf rollback "$APP_NAME" -f'],
    aws: false,
  },
  appengine: {
    title: "App Engine",
    release: ['gcloud app deploy --project "$GCP_PROJECT" --version "$artifact" --no-promote --quiet'],
    promote: [
      'gcloud app services set-traffic default --project "$GCP_PROJECT" --splits "$artifact=1" --quiet',
    ],
    rollback: [
      'gcloud app services set-traffic default --project "$GCP_PROJECT" --splits "$PREVIOUS_VERSION=1" --quiet',
    ],
    aws: false,
  },
  "azure-app-service": {
    title: "Azure App Service",
    release: [
      'az webapp deploy --resource-group "$RESOURCE_GROUP" --name "$APP_NAME" --slot staging --src-path "$artifact"',
    ],
    promote: [
      'az webapp deployment slot swap --resource-group "$RESOURCE_GROUP" --name "$APP_NAME" --slot staging',
    ],
    rollback: [
      'az webapp deployment slot swap --resource-group "$RESOURCE_GROUP" --name "$APP_NAME" --slot staging',
    ],
    aws: false,
  },
  ecs: {
    title: "AWS ECS",
    release: [
      'aws ecs update-service --cluster "$CLUSTER-$environment" --service "$SERVICE" --task-definition "$artifact"',
      'aws ecs wait services-stable --cluster "$CLUSTER-$environment" --services "$SERVICE"',
    ],
    promote: ['aws ecs describe-services --cluster "$CLUSTER-$environment" --services "$SERVICE"'],
    rollback: [
      'aws ecs update-service --cluster "$CLUSTER-$environment" --service "$SERVICE" --task-definition "$PREVIOUS_TASK_DEFINITION"',
    ],
    aws: true,
  },
};
