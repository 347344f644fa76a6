/** The mail port: domain operations send through this and never see SMTP. */
export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  /** Files sent with the mail (a patient's copy of a signed form). */
  attachments?: MailAttachment[];
}

export interface MailAttachment {
  filename: string;
  content: Buffer;
  contentType: string;
}

export interface Mailer {
  send(message: MailMessage): Promise<void>;
  /** Where mails go when there is no SMTP server (shown to the user), or null. */
  readonly outboxDir: string | null;
}
