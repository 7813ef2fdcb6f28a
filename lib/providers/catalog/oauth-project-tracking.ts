/** OAuth providers for issue and task tracking: Linear, Jira, Asana. */
import type { OAuthProvider } from "../provider-schema";

const bearer = { header: "Authorization", format: "Bearer {accessToken}" } as const;
const linearApi = "https://api.linear.app";

/** Linear is GraphQL-only: every endpoint is POST /graphql with a different query. */
const gql = (query: string, variables?: Record<string, unknown>): string =>
  JSON.stringify(variables === undefined ? { query } : { query, variables });

const linear = {
  code: "linear",
  name: "Linear",
  category: "Productivity",
  authType: "oauth2",
  description: "Linear issues, projects and teams through its GraphQL API.",
  docsUrl: "https://linear.app/developers/oauth-2-0-authentication",
  iconSlug: "linear",
  api: { baseUrl: linearApi, auth: bearer },
  oauth: {
    authorizationUrl: "https://linear.app/oauth/authorize",
    tokenUrl: `${linearApi}/oauth/token`,
    revokeUrl: `${linearApi}/oauth/revoke`,
    // Not RFC 7009: the refresh token goes in `refresh_token`, or the access token as Bearer
    // (or `access_token`); a `token` field is not documented. https://linear.app/developers/oauth-2-0-authentication
    revocation: { method: "POST", tokens: [{ kind: "refresh", as: "form", param: "refresh_token" }, { kind: "access", as: "bearer" }], clientAuth: "none", successStatus: [200] },
    userinfoUrl: `${linearApi}/graphql`,
    pkce: "supported",
    clientAuth: "body",
    tokenRequestFormat: "form",
    // Scopes are comma-separated. Confirmed: every OAuth app uses expiring access tokens with
    // refresh tokens since the 2026-04-01 migration (long-lived tokens are gone).
    // https://linear.app/developers/oauth-2-0-authentication
    scopeSeparator: ",",
    defaultScopes: ["read", "write"],
    scopes: ["read", "write", "issues:create", "comments:create"],
    // prompt=consent shows the workspace picker again, so a second workspace can be connected.
    extraAuthorizeParams: { prompt: "consent" },
    quirks: ["linear-graphql-identity"],
    identity: { idField: "data.viewer.id", labelField: "data.viewer.email", quirk: "linear-graphql-identity" },
  },
  services: [
    {
      code: "issues",
      source: "https://linear.app/developers/graphql",
      name: "Issues",
      description: "Find, create, update and comment on issues (POST /graphql).",
      baseUrl: linearApi,
      scopes: ["read", "write"],
      endpoints: [
        { method: "POST", path: "/graphql", description: "Issues assigned to the user", body: gql("{ viewer { assignedIssues(first: 20) { nodes { id identifier title state { name } } } } }") },
        { method: "POST", path: "/graphql", description: "Search issues", body: gql("query($q: String!) { searchIssues(term: $q, first: 10) { nodes { id identifier title } } }", { q: "bug" }) },
        { method: "POST", path: "/graphql", description: "Get an issue by id or key", body: gql("query($id: String!) { issue(id: $id) { id identifier title description state { name } assignee { name } } }", { id: "ENG-123" }) },
        { method: "POST", path: "/graphql", description: "Create an issue", body: gql("mutation($input: IssueCreateInput!) { issueCreate(input: $input) { success issue { id identifier url } } }", { input: { teamId: "TEAM_ID", title: "Bug" } }) },
        { method: "POST", path: "/graphql", description: "Update an issue", body: gql("mutation($id: String!, $input: IssueUpdateInput!) { issueUpdate(id: $id, input: $input) { success } }", { id: "ENG-123", input: { stateId: "STATE_ID" } }) },
        { method: "POST", path: "/graphql", description: "Comment on an issue", body: gql("mutation($input: CommentCreateInput!) { commentCreate(input: $input) { success } }", { input: { issueId: "ISSUE_ID", body: "Looking into it" } }) },
      ],
    },
    {
      code: "projects",
      source: "https://linear.app/developers/graphql",
      name: "Projects",
      description: "List, inspect and create projects (POST /graphql).",
      baseUrl: linearApi,
      scopes: ["read", "write"],
      endpoints: [
        { method: "POST", path: "/graphql", description: "List projects", body: gql("{ projects(first: 20) { nodes { id name state targetDate } } }") },
        { method: "POST", path: "/graphql", description: "Get a project with its issues", body: gql("query($id: String!) { project(id: $id) { id name issues(first: 50) { nodes { identifier title } } } }", { id: "PROJECT_ID" }) },
        { method: "POST", path: "/graphql", description: "Create a project", body: gql("mutation($input: ProjectCreateInput!) { projectCreate(input: $input) { success project { id url } } }", { input: { name: "Launch", teamIds: ["TEAM_ID"] } }) },
      ],
    },
    {
      code: "teams",
      source: "https://linear.app/developers/graphql",
      name: "Teams",
      description: "Teams, members and workflow states (POST /graphql).",
      baseUrl: linearApi,
      scopes: ["read"],
      endpoints: [
        { method: "POST", path: "/graphql", description: "List teams", body: gql("{ teams { nodes { id key name } } }") },
        { method: "POST", path: "/graphql", description: "Members of a team", body: gql("query($id: String!) { team(id: $id) { members { nodes { id name email } } } }", { id: "TEAM_ID" }) },
        { method: "POST", path: "/graphql", description: "Workflow states of a team", body: gql("query($id: String!) { team(id: $id) { states { nodes { id name type } } } }", { id: "TEAM_ID" }) },
      ],
    },
  ],
} satisfies OAuthProvider;

// Jira Cloud is reached through the Atlassian API gateway with the site's cloudId.
const jiraApi = "https://api.atlassian.com/ex/jira/{cloudId}/rest/api/3";

const jira = {
  code: "jira",
  name: "Jira",
  category: "Productivity",
  authType: "oauth2",
  description: "Jira Cloud issues and projects (Atlassian OAuth 2.0 3LO).",
  docsUrl: "https://developer.atlassian.com/cloud/jira/platform/oauth-2-3lo-apps/",
  iconSlug: "jira",
  api: { baseUrl: jiraApi, auth: bearer },
  oauth: {
    authorizationUrl: "https://auth.atlassian.com/authorize",
    tokenUrl: "https://auth.atlassian.com/oauth/token",
    userinfoUrl: "https://api.atlassian.com/me",
    pkce: "none",
    clientAuth: "body",
    tokenRequestFormat: "json",
    scopeSeparator: " ",
    // offline_access yields a refresh token; refresh tokens rotate on every use.
    defaultScopes: ["read:me", "offline_access", "read:jira-work", "write:jira-work", "read:jira-user"],
    scopes: ["read:me", "offline_access", "read:jira-work", "write:jira-work", "read:jira-user"],
    // audience selects the API gateway; prompt=consent is required by Atlassian's 3LO flow.
    // https://developer.atlassian.com/cloud/jira/platform/oauth-2-3lo-apps/#1--direct-the-user-to-the-authorization-url-to-get-an-authorization-code
    extraAuthorizeParams: { audience: "api.atlassian.com", prompt: "consent" },
    quirks: ["jira-cloud-id"],
    identity: { idField: "account_id", labelField: "email", labelFallbackField: "name" },
  },
  services: [
    {
      code: "issues",
      source: "https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issues/",
      name: "Issues",
      description: "Search with JQL, read, create, update, comment on and transition issues.",
      baseUrl: jiraApi,
      scopes: ["read:jira-work", "write:jira-work"],
      endpoints: [
        { method: "GET", path: "/search/jql?jql=assignee=currentUser()+order+by+updated+desc&fields=summary,status", description: "Search issues with JQL", source: "https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-search/" },
        { method: "GET", path: "/issue/{issueKey}", description: "Get an issue" },
        { method: "POST", path: "/issue", description: "Create an issue", body: '{"fields":{"project":{"key":"ENG"},"issuetype":{"name":"Task"},"summary":"Bug"}}' },
        { method: "PUT", path: "/issue/{issueKey}", description: "Edit fields", body: '{"fields":{"summary":"Renamed"}}' },
        { method: "POST", path: "/issue/{issueKey}/comment", description: "Comment (Atlassian Document Format body)", body: '{"body":{"type":"doc","version":1,"content":[{"type":"paragraph","content":[{"type":"text","text":"On it"}]}]}}' },
        { method: "GET", path: "/issue/{issueKey}/transitions", description: "Possible status transitions" },
        { method: "POST", path: "/issue/{issueKey}/transitions", description: "Move to another status", body: '{"transition":{"id":"31"}}' },
      ],
    },
    {
      code: "projects",
      source: "https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-projects/",
      name: "Projects",
      description: "Projects, their statuses, versions and assignable users.",
      baseUrl: jiraApi,
      scopes: ["read:jira-work", "read:jira-user"],
      endpoints: [
        { method: "GET", path: "/project/search", description: "List projects" },
        { method: "GET", path: "/project/{projectKey}", description: "Get a project" },
        { method: "GET", path: "/project/{projectKey}/statuses", description: "Statuses per issue type" },
        { method: "GET", path: "/project/{projectKey}/versions", description: "Versions (releases)" },
        { method: "GET", path: "/user/assignable/search?project={projectKey}", description: "Users who can be assigned" },
      ],
    },
  ],
} satisfies OAuthProvider;

const asanaApi = "https://app.asana.com/api/1.0";

const asana = {
  code: "asana",
  name: "Asana",
  category: "Productivity",
  authType: "oauth2",
  description: "Asana tasks and projects.",
  docsUrl: "https://developers.asana.com/docs/oauth",
  iconSlug: "asana",
  api: { baseUrl: asanaApi, auth: bearer },
  oauth: {
    authorizationUrl: "https://app.asana.com/-/oauth_authorize",
    tokenUrl: "https://app.asana.com/-/oauth_token",
    revokeUrl: "https://app.asana.com/-/oauth_revoke",
    // POST https://app.asana.com/-/oauth_revoke (confirmed in the quick reference of
    // https://developers.asana.com/docs/oauth); form `token` with client_id/client_secret.
    // https://developers.asana.com/docs/oauth#token-deauthorization-endpoint
    revocation: { method: "POST", tokens: [{ kind: "refresh", as: "form", param: "token" }, { kind: "access", as: "form", param: "token" }], clientAuth: "body", successStatus: [200] },
    userinfoUrl: `${asanaApi}/users/me`,
    pkce: "supported",
    clientAuth: "body",
    tokenRequestFormat: "form",
    scopeSeparator: " ",
    // Granular scopes; access tokens live 1 h.
    // https://developers.asana.com/docs/oauth-scopes
    defaultScopes: ["users:read", "workspaces:read", "tasks:read", "tasks:write", "projects:read", "projects:write"],
    scopes: ["users:read", "workspaces:read", "tasks:read", "tasks:write", "projects:read", "projects:write"],
    extraAuthorizeParams: {},
    quirks: [],
    identity: { idField: "data.gid", labelField: "data.email", labelFallbackField: "data.name" },
  },
  services: [
    {
      code: "tasks",
      source: "https://developers.asana.com/reference/tasks",
      name: "Tasks",
      description: "Find, create, update and complete tasks.",
      baseUrl: asanaApi,
      scopes: ["tasks:read", "tasks:write", "workspaces:read"],
      endpoints: [
        { method: "GET", path: "/workspaces", description: "Workspaces (most calls need a workspace gid)" },
        { method: "GET", path: "/tasks?assignee=me&workspace={workspaceGid}&completed_since=now", description: "Open tasks assigned to the user" },
        { method: "GET", path: "/tasks/{taskGid}", description: "Get a task" },
        { method: "POST", path: "/tasks", description: "Create a task", body: '{"data":{"name":"Follow up","workspace":"WORKSPACE_GID","assignee":"me"}}' },
        { method: "PUT", path: "/tasks/{taskGid}", description: "Update or complete a task", body: '{"data":{"completed":true}}' },
        { method: "GET", path: "/tasks/{taskGid}/subtasks", description: "Subtasks of a task" },
      ],
    },
    {
      code: "projects",
      source: "https://developers.asana.com/reference/projects",
      name: "Projects",
      description: "List projects and their tasks.",
      baseUrl: asanaApi,
      scopes: ["projects:read", "projects:write", "tasks:read"],
      endpoints: [
        { method: "GET", path: "/projects?workspace={workspaceGid}", description: "Projects of a workspace" },
        { method: "GET", path: "/projects/{projectGid}", description: "Get a project" },
        { method: "GET", path: "/projects/{projectGid}/tasks", description: "Tasks of a project" },
        { method: "POST", path: "/projects", description: "Create a project", body: '{"data":{"name":"Launch","workspace":"WORKSPACE_GID"}}' },
      ],
    },
  ],
} satisfies OAuthProvider;

export const oauthProjectTracking = { linear, jira, asana };
