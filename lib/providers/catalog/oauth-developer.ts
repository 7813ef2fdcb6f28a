/** OAuth providers for code hosting: GitHub, GitLab. */
import type { OAuthProvider } from "../provider-schema";

const bearer = { header: "Authorization", format: "Bearer {accessToken}" } as const;
const githubApi = "https://api.github.com";

const github = {
  code: "github",
  name: "GitHub",
  category: "Developer",
  authType: "oauth2",
  description: "Repositories, issues and pull requests on GitHub.",
  docsUrl: "https://docs.github.com/en/apps/oauth-apps/building-oauth-apps/authorizing-oauth-apps",
  iconSlug: "github",
  api: {
    baseUrl: githubApi,
    auth: bearer,
    // https://docs.github.com/en/rest/about-the-rest-api/api-versions
    extraHeaders: { Accept: "application/vnd.github+json", "X-GitHub-Api-Version": "2022-11-28" },
  },
  oauth: {
    authorizationUrl: "https://github.com/login/oauth/authorize",
    tokenUrl: "https://github.com/login/oauth/access_token",
    revokeUrl: `${githubApi}/applications/{clientId}/grant`,
    // No RFC 7009 endpoint: DELETE the grant with Basic client auth and the ACCESS token in JSON
    // (for GitHub-App user tokens too: a refresh token is not accepted); success is 204 only.
    // https://docs.github.com/en/rest/apps/oauth-applications#delete-an-app-authorization
    revocation: { method: "DELETE", tokens: [{ kind: "access", as: "json", param: "access_token" }], clientAuth: "basic", headers: { Accept: "application/vnd.github+json" }, successStatus: [204] },
    userinfoUrl: `${githubApi}/user`,
    // Confirmed: PKCE (S256 only) is supported, not required, for OAuth and GitHub Apps.
    // https://github.blog/changelog/2025-07-14-pkce-support-for-oauth-and-github-app-authentication
    pkce: "supported",
    clientAuth: "body",
    tokenRequestFormat: "form",
    scopeSeparator: " ",
    // OAuth-app tokens do not expire (no refresh token); GitHub-App user tokens expire in 8 h
    // and come with a refresh token, which the generic refresh path handles.
    defaultScopes: ["read:user", "user:email", "repo"],
    scopes: ["read:user", "user:email", "repo", "public_repo", "read:org", "workflow"],
    extraAuthorizeParams: {},
    quirks: ["github-json-accept"],
    identity: { idField: "id", labelField: "login" },
  },
  services: [
    {
      code: "repos",
      source: "https://docs.github.com/en/rest/repos/repos",
      name: "Repositories",
      description: "List, inspect and read repositories.",
      baseUrl: githubApi,
      scopes: ["repo"],
      endpoints: [
        { method: "GET", path: "/user/repos?sort=updated&per_page=20", description: "Repositories the user can access" },
        { method: "GET", path: "/repos/{owner}/{repo}", description: "Get a repository" },
        { method: "GET", path: "/repos/{owner}/{repo}/contents/{path}", description: "Read a file or directory (base64 content)" },
        { method: "GET", path: "/repos/{owner}/{repo}/commits?per_page=20", description: "Recent commits" },
        { method: "GET", path: "/repos/{owner}/{repo}/branches", description: "List branches" },
        { method: "GET", path: "/search/repositories?q={query}", description: "Search repositories" },
        { method: "POST", path: "/user/repos", description: "Create a repository", body: '{"name":"new-repo","private":true}' },
      ],
    },
    {
      code: "issues",
      source: "https://docs.github.com/en/rest/issues/issues",
      name: "Issues",
      description: "Find, open, update and comment on issues.",
      baseUrl: githubApi,
      scopes: ["repo"],
      endpoints: [
        { method: "GET", path: "/issues?filter=assigned&state=open", description: "Issues assigned to the user, all repositories" },
        { method: "GET", path: "/repos/{owner}/{repo}/issues?state=open", description: "Issues of a repository (includes PRs)" },
        { method: "GET", path: "/repos/{owner}/{repo}/issues/{issueNumber}", description: "Get an issue" },
        { method: "POST", path: "/repos/{owner}/{repo}/issues", description: "Open an issue", body: '{"title":"Bug","body":"Steps to reproduce"}' },
        { method: "PATCH", path: "/repos/{owner}/{repo}/issues/{issueNumber}", description: "Update or close an issue", body: '{"state":"closed"}' },
        { method: "POST", path: "/repos/{owner}/{repo}/issues/{issueNumber}/comments", description: "Comment on an issue", body: '{"body":"Looking into it"}' },
        { method: "GET", path: "/search/issues?q={query}", description: "Search issues and pull requests" },
      ],
    },
    {
      code: "pulls",
      source: "https://docs.github.com/en/rest/pulls/pulls",
      name: "Pull requests",
      description: "Review, open and merge pull requests.",
      baseUrl: githubApi,
      scopes: ["repo"],
      endpoints: [
        { method: "GET", path: "/search/issues?q=is:pr+author:@me+state:open", description: "The user's open pull requests" },
        { method: "GET", path: "/repos/{owner}/{repo}/pulls?state=open", description: "Open pull requests of a repository" },
        { method: "GET", path: "/repos/{owner}/{repo}/pulls/{pullNumber}", description: "Get a pull request" },
        { method: "GET", path: "/repos/{owner}/{repo}/pulls/{pullNumber}/files", description: "Changed files with patches" },
        { method: "POST", path: "/repos/{owner}/{repo}/pulls", description: "Open a pull request", body: '{"title":"Fix","head":"fix-branch","base":"main"}' },
        { method: "POST", path: "/repos/{owner}/{repo}/pulls/{pullNumber}/reviews", description: "Submit a review", body: '{"event":"COMMENT","body":"LGTM"}' },
        { method: "PUT", path: "/repos/{owner}/{repo}/pulls/{pullNumber}/merge", description: "Merge a pull request", body: '{"merge_method":"squash"}' },
      ],
    },
  ],
} satisfies OAuthProvider;

const gitlabApi = "https://gitlab.com/api/v4";

const gitlab = {
  code: "gitlab",
  name: "GitLab",
  category: "Developer",
  authType: "oauth2",
  description: "Projects, issues and merge requests on GitLab.com (self-managed through endpoint overrides).",
  docsUrl: "https://docs.gitlab.com/api/oauth2/",
  iconSlug: "gitlab",
  api: { baseUrl: gitlabApi, auth: bearer },
  oauth: {
    authorizationUrl: "https://gitlab.com/oauth/authorize",
    tokenUrl: "https://gitlab.com/oauth/token",
    revokeUrl: "https://gitlab.com/oauth/revoke",
    // Doorkeeper's RFC 7009 endpoint: form `token` + client_id/client_secret; answers 200 `{}`.
    // https://docs.gitlab.com/api/oauth2/#revoke-a-token
    revocation: { method: "POST", tokens: [{ kind: "refresh", as: "form", param: "token" }, { kind: "access", as: "form", param: "token" }], clientAuth: "body", successStatus: [200] },
    userinfoUrl: `${gitlabApi}/user`,
    pkce: "supported",
    clientAuth: "body",
    tokenRequestFormat: "form",
    scopeSeparator: " ",
    // Access tokens live 2 h; refresh tokens are single-use and rotate.
    defaultScopes: ["read_user", "api"],
    scopes: ["read_user", "api", "read_api", "read_repository", "write_repository"],
    extraAuthorizeParams: {},
    quirks: [],
    identity: { idField: "id", labelField: "username", labelFallbackField: "email" },
  },
  services: [
    {
      code: "repos",
      source: "https://docs.gitlab.com/api/projects/",
      name: "Repositories",
      description: "Projects, files, commits and branches.",
      baseUrl: gitlabApi,
      scopes: ["api"],
      endpoints: [
        { method: "GET", path: "/projects?membership=true&order_by=last_activity_at&per_page=20", description: "Projects the user is a member of" },
        { method: "GET", path: "/projects/{projectId}", description: "Get a project (id or URL-encoded path)" },
        { method: "GET", path: "/projects/{projectId}/repository/tree", description: "List files" },
        { method: "GET", path: "/projects/{projectId}/repository/files/{filePath}/raw?ref=main", description: "Read a file" },
        { method: "GET", path: "/projects/{projectId}/repository/commits", description: "Recent commits" },
        { method: "GET", path: "/projects/{projectId}/repository/branches", description: "List branches" },
      ],
    },
    {
      code: "issues",
      source: "https://docs.gitlab.com/api/issues/",
      name: "Issues",
      description: "Find, open, update and comment on issues.",
      baseUrl: gitlabApi,
      scopes: ["api"],
      endpoints: [
        { method: "GET", path: "/issues?scope=assigned_to_me&state=opened", description: "Issues assigned to the user" },
        { method: "GET", path: "/projects/{projectId}/issues?state=opened", description: "Issues of a project" },
        { method: "GET", path: "/projects/{projectId}/issues/{issueIid}", description: "Get an issue" },
        { method: "POST", path: "/projects/{projectId}/issues", description: "Open an issue", body: '{"title":"Bug","description":"Steps"}' },
        { method: "PUT", path: "/projects/{projectId}/issues/{issueIid}", description: "Update or close an issue", body: '{"state_event":"close"}' },
        { method: "POST", path: "/projects/{projectId}/issues/{issueIid}/notes", description: "Comment on an issue", body: '{"body":"Looking into it"}' },
      ],
    },
    {
      code: "merge-requests",
      source: "https://docs.gitlab.com/api/merge_requests/",
      name: "Merge requests",
      description: "Review, open and merge merge requests.",
      baseUrl: gitlabApi,
      scopes: ["api"],
      endpoints: [
        { method: "GET", path: "/merge_requests?scope=assigned_to_me&state=opened", description: "Merge requests assigned to the user" },
        { method: "GET", path: "/projects/{projectId}/merge_requests?state=opened", description: "Open merge requests of a project" },
        { method: "GET", path: "/projects/{projectId}/merge_requests/{mergeRequestIid}", description: "Get a merge request" },
        { method: "GET", path: "/projects/{projectId}/merge_requests/{mergeRequestIid}/diffs", description: "Changed files with diffs" },
        { method: "POST", path: "/projects/{projectId}/merge_requests", description: "Open a merge request", body: '{"source_branch":"fix","target_branch":"main","title":"Fix"}' },
        { method: "POST", path: "/projects/{projectId}/merge_requests/{mergeRequestIid}/notes", description: "Comment", body: '{"body":"LGTM"}' },
        { method: "PUT", path: "/projects/{projectId}/merge_requests/{mergeRequestIid}/merge", description: "Merge" },
      ],
    },
  ],
} satisfies OAuthProvider;

export const oauthDeveloper = { github, gitlab };
