use leptos::prelude::*;
use skewcheck_core::support::{LinkOptions, ServerCommands, build_link};
use skewcheck_core::verdict::SERVICES;
use skewcheck_core::words::server_commands;
use skewcheck_core::words::{
    COPIED, COPY_FAILED, COPY_LINK, LINK_ENDPOINT, LINK_LIMIT, LINK_MAKER, LINK_OWN_SERVICE,
    LINK_SERVICE, LINK_SERVICE_NAME, LINK_TICKET, NETWORK_TIME_INTRO, NTP_LINUX, NTP_MACOS,
    NTP_WINDOWS, SERVER_CHECK, SERVER_CHECK_INTRO, SERVER_LINUX, SERVER_MACOS, SERVER_POWERSHELL,
};

/// Copies `text` to the clipboard, reporting the outcome through `status`.
pub fn copy_to_clipboard(text: String, status: RwSignal<String>) {
    leptos::task::spawn_local(async move {
        let copied = crate::browser::copy_text(&text).await;
        status.set(if copied { COPIED } else { COPY_FAILED }.text());
    });
}

/// A small form for support staff that builds a link to this page.
#[component]
pub fn LinkMaker(
    /// The page's own address, the base of every link.
    page_url: String,
) -> impl IntoView {
    let reference = RwSignal::new(String::new());
    let service = RwSignal::new("s3".to_owned());
    let limit = RwSignal::new(String::new());
    let name = RwSignal::new(String::new());
    let endpoint = RwSignal::new(String::new());
    let status = RwSignal::new(String::new());
    let link = move || {
        build_link(
            &page_url,
            &LinkOptions {
                ticket: reference.get(),
                service: service.get(),
                limit_seconds: limit.get(),
                service_name: name.get(),
                endpoint: endpoint.get(),
            },
        )
    };
    view! {
        <details class="card link-maker" data-testid="link-maker">
            <summary>{LINK_MAKER.text()}</summary>
            <div class="form-grid">
                <label>{LINK_TICKET.text()}<input type="text" data-testid="link-ref" placeholder="T-1234" bind:value=reference /></label>
                <label>{LINK_SERVICE.text()}
                    <select data-testid="link-service" on:change=move |event| service.set(event_target_value(&event))>
                        {SERVICES.iter().map(|s| view! { <option value=s.id.as_ref()>{skewcheck_core::words::translated(&s.name)}</option> }).collect_view()}
                        <option value="">{LINK_OWN_SERVICE.text()}</option>
                    </select>
                </label>
                <label>{LINK_LIMIT.text()}<input type="number" min="0" data-testid="link-limit" bind:value=limit /></label>
                <label>{LINK_SERVICE_NAME.text()}<input type="text" data-testid="link-name" bind:value=name /></label>
                <label>{LINK_ENDPOINT.text()}<input type="url" data-testid="link-endpoint" placeholder="https://…" bind:value=endpoint /></label>
            </div>
            <p class="link-output"><code data-testid="link-output">{link.clone()}</code></p>
            <button type="button" class="secondary" data-testid="link-copy" on:click=move |_| copy_to_clipboard(link(), status)>{COPY_LINK.text()}</button>
            <span class="status" role="status" data-testid="link-copy-status">{move || status.get()}</span>
        </details>
    }
}

/// "Checking a server?": commands that compare a server's clock with the same reference.
#[component]
#[expect(
    clippy::needless_pass_by_value,
    reason = "Leptos hands every prop over by value"
)]
pub fn ServerCheck(
    /// The reference the page measured against.
    reference_url: String,
) -> impl IntoView {
    let ServerCommands {
        linux,
        macos,
        powershell,
        linux_ntp,
        macos_ntp,
        windows_ntp,
    } = server_commands(&reference_url);
    let block = |title: String, command: String, id: &'static str| {
        view! {
            <h4>{title}</h4>
            <pre class="command" data-testid=id><code>{command}</code></pre>
        }
    };
    view! {
        <details class="card server-check" data-testid="server-check">
            <summary>{SERVER_CHECK.text()}</summary>
            <p>{SERVER_CHECK_INTRO.text()}</p>
            {block(SERVER_LINUX.to_owned(), linux, "server-linux")}
            {block(SERVER_MACOS.to_owned(), macos, "server-macos")}
            {block(SERVER_POWERSHELL.to_owned(), powershell, "server-powershell")}
            <p>{NETWORK_TIME_INTRO.text()}</p>
            {block(NTP_LINUX.to_owned(), linux_ntp, "ntp-linux")}
            {block(NTP_MACOS.to_owned(), macos_ntp, "ntp-macos")}
            {block(NTP_WINDOWS.text(), windows_ntp, "ntp-windows")}
        </details>
    }
}
