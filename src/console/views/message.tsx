import { Layout, type Viewer } from './layout'

/** A plain message page (403, 404). */
export const MessagePage = (props: { viewer: Viewer | null; title: string; text: string }) => (
  <Layout viewer={props.viewer} title={props.title} page='message'>
    <h1>{props.title}</h1>
    <p>{props.text}</p>
    <p>
      <a href='/console'>← Inbox</a>
    </p>
  </Layout>
)
